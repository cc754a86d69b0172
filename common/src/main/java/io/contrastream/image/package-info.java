/**
 * Pixels and their encodings: {@link io.contrastream.image.PixelImage} is the in-memory image
 * every module shares, {@link io.contrastream.image.ImageCodec} turns it into PNG/JPEG bytes and
 * back, checking headers and limits before decoding untrusted bytes.
 */
package io.contrastream.image;
