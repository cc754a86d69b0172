/**
 * Pixels and their encodings: {@link io.contrastream.image.ImageCodec} turns the shared
 * {@code PixelImage} (module contrastream-image) into PNG/JPEG bytes and back, checking headers
 * and limits before decoding untrusted bytes.
 */
package io.contrastream.image;
