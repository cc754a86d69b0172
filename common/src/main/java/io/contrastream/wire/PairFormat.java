package io.contrastream.wire;

/** How pairs are written to the input topic; the service reads both. */
public enum PairFormat {
    /** JSON with base64 views ({@link ImagePairCodec}): any client can write it. */
    JSON,
    /** Two encoded images behind a 24-byte header ({@link BinaryPairCodec}): no JSON, no base64. */
    BINARY
}
