/**
 * Pixels and their encodings: {@link io.contrastream.codec.ImageCodec} turns the shared
 * {@code PixelImage} (module contrastream-image) into PNG/JPEG bytes and back, checking headers
 * and limits before decoding untrusted bytes.
 */
package io.contrastream.codec;
