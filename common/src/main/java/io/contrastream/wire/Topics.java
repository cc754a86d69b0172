package io.contrastream.wire;

/** Default topic names, shared by the producer, the service and the launcher. */
public final class Topics {

    public static final String IMAGE_PAIRS = "image-pairs";
    public static final String METRICS = "contrastive-metrics";
    public static final String DEAD_LETTERS = "image-pairs-dlq";
    public static final String EMBEDDINGS = "image-embeddings";
    /** The clean evaluation set (compacted). */
    public static final String PROBE = "image-probe";

    private Topics() {}
}
