package io.contrastream.wire;

/** How embeddings are written to the embeddings topic (see {@link EmbeddingCodec} for both layouts). */
public enum EmbeddingFormat {
    /** Little-endian float32 behind a 24-byte header: compact, and no numbers to print or parse. */
    BINARY,
    /** A JSON object per embedding, for clients that read JSON (kcat, jq, any language). */
    JSON
}
