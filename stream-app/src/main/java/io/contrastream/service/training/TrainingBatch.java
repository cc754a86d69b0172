package io.contrastream.service.training;

import io.contrastream.service.vectors.VectorQueue;

/**
 * B decoded pairs, ready for one step: both views as (B, C, H, W) floats in [0, 1], row-major,
 * the sample ids, and a label per pair ({@link VectorQueue#NO_LABEL} when unlabelled).
 */
public record TrainingBatch(String[] ids, float[] view1, float[] view2, int[] labels) {

    public int size() {
        return labels.length;
    }
}
