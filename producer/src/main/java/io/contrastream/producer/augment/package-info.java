/** SimCLR-style random views of an image: the positive pairs the service learns from. */
package io.contrastream.producer.augment;
