package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The contrastive (InfoNCE) loss of the paper, on a similarity matrix.
 *
 * <p>Row i of {@code similarities} holds anchor i's cosine similarities to every key; column i is
 * its positive, every other column a negative. Then
 * {@code L_i = -log(exp(s_ii/tau) / sum_j exp(s_ij/tau))}, and the loss is the mean over rows.
 * Its gradient is {@code dL/ds_ij = (P_ij - [i==j]) / (tau * B)}: the pull on the positive equals
 * the sum of the pushes on the negatives, each weighted by its softmax probability.
 */
public final class InfoNce {

    private InfoNce() {}

    public static NDArray loss(NDArray similarities, double tau) {
        long rows = similarities.getShape().get(0);
        long cols = similarities.getShape().get(1);
        NDArray logProb = similarities.div(tau).logSoftmax(1);
        NDArray positives =
                similarities.getManager().eye((int) rows, (int) cols, 0, DataType.FLOAT32);
        return logProb.mul(positives).sum(new int[] {1}).mean().neg();
    }
}
