package io.contrastream.service.session;

/**
 * A validated pair, decoded and resized to the encoder's input: both views as (C, H, W) floats in
 * [0, 1], and the label or {@link io.contrastream.service.training.VectorQueue#NO_LABEL}.
 */
public record DecodedPair(String id, float[] view1, float[] view2, int label) {}
