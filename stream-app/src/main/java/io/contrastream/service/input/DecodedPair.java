package io.contrastream.service.input;

/**
 * A validated pair, decoded and resized to the encoder's input: both views as (C, H, W) floats in
 * [0, 1], and the label or {@link io.contrastream.service.vectors.VectorQueue#NO_LABEL}.
 *
 * @param source the input record it came from, or null when it did not come from Kafka (the sweep)
 */
public record DecodedPair(String id, float[] view1, float[] view2, int label, SourceRecord source) {

    public DecodedPair(String id, float[] view1, float[] view2, int label) {
        this(id, view1, view2, label, null);
    }

    /** The same pair, remembering the record it came from. */
    public DecodedPair from(SourceRecord record) {
        return new DecodedPair(id, view1, view2, label, record);
    }
}
