package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The losses of the paper on a similarity matrix. Row i holds anchor i's cosine similarities to
 * every key; column i is its positive, the others its negatives, except columns flagged in
 * {@code excluded} (keys of the anchor's own sample, which are not negatives).
 *
 * <ul>
 *   <li>contrastive: {@code L_i = -log(exp(s_ii/tau) / (exp(s_ii/tau) + sum_j exp(s_ij/tau)))},
 *       so {@code dL/ds_ij = P_ij/tau} and {@code dL/ds_ii = -(1/tau) sum_j P_ij};
 *   <li>hard: the same over the anchor's {@link LossSpec#keptNegatives} most similar negatives;
 *   <li>simple: {@code L_i = -s_ii + (1/N) sum_j s_ij}; hard-simple: over the kept negatives.
 * </ul>
 *
 * The loss is the mean over rows. Negatives that are not kept contribute nothing and get no
 * gradient; the selection itself is not differentiated (as in the authors' code).
 */
public final class ContrastiveLoss {

    /** Added to the logits of ignored columns: exp() of it is exactly 0 in float32. */
    private static final float IGNORED = -1e9f;

    private ContrastiveLoss() {}

    /**
     * @param similarities B x N, column i of row i the positive
     * @param excluded B x N float mask, 1 where a column is neither positive nor negative for the
     *     row; or null
     */
    public static NDArray loss(LossSpec spec, NDArray similarities, NDArray excluded) {
        NDManager m = similarities.getManager();
        int rows = (int) similarities.getShape().get(0);
        int cols = (int) similarities.getShape().get(1);
        NDArray positive = m.eye(rows, cols, 0, DataType.FLOAT32);
        NDArray negatives = positive.neg().add(1f);
        if (excluded != null) {
            negatives = negatives.sub(excluded).maximum(0f);
        }
        NDArray kept = negatives;
        if (spec.kind().selectsHardNegatives()) {
            kept = hardest(similarities, negatives, spec);
        }
        return switch (spec.kind()) {
            case CONTRASTIVE, HARD -> infoNce(similarities, positive, kept, spec.tau());
            case SIMPLE, HARD_SIMPLE -> simple(similarities, positive, kept);
        };
    }

    /** Mask of each row's k most similar negatives (ties at the k-th value all kept). */
    private static NDArray hardest(NDArray sims, NDArray negatives, LossSpec spec) {
        try (NDArray free = sims.stopGradient()) {
            // Non-negatives sink below every cosine (>= -1) so top-k only sees negatives.
            NDArray ranked = free.add(negatives.sub(1f).mul(10f));
            int available = (int) negatives.sum(new int[] {1}).min().getFloat();
            int k = spec.keptNegatives(Math.max(1, available));
            NDArray kth = ranked.topK(k, 1, true, false).get(0).min(new int[] {1}, true);
            return ranked.gte(kth).toType(DataType.FLOAT32, false).mul(negatives);
        }
    }

    private static NDArray infoNce(NDArray sims, NDArray positive, NDArray kept, double tau) {
        // Ignored columns get IGNORED added to their logit, used ones (positive, kept) get 0.
        NDArray used = kept.add(positive);
        NDArray logits = sims.div(tau).add(used.sub(1f).mul(-IGNORED));
        return logits.logSoftmax(1).mul(positive).sum(new int[] {1}).mean().neg();
    }

    private static NDArray simple(NDArray sims, NDArray positive, NDArray kept) {
        NDArray pull = sims.mul(positive).sum(new int[] {1});
        NDArray push =
                sims.mul(kept).sum(new int[] {1}).div(kept.sum(new int[] {1}).maximum(1f));
        return push.sub(pull).mean();
    }
}
