package io.contrastream.service.training;

/**
 * B decoded pairs, ready for one step: both views as (B, C, H, W) floats in [0, 1], row-major,
 * and a label per pair ({@link VectorQueue#NO_LABEL} when unlabelled).
 */
public record TrainingBatch(float[] view1, float[] view2, int[] labels) {

    public int size() {
        return labels.length;
    }
}
