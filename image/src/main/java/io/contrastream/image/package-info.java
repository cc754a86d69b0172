/**
 * {@link io.contrastream.image.PixelImage}: the in-memory image of every module (datasets,
 * augmentations, the service's decoder) and of exported models' users, with the one resize and
 * channel conversion they all share.
 */
package io.contrastream.image;
