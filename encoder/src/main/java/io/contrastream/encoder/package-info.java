/**
 * The encoder on its own: the architecture ({@link io.contrastream.encoder.Encoders}), its shape
 * ({@link io.contrastream.encoder.EncoderSpec}), and exported models
 * ({@link io.contrastream.encoder.ExportManifest}, {@link io.contrastream.encoder.ExportedEncoder})
 * that a Java program loads with DJL alone.
 */
package io.contrastream.encoder;
