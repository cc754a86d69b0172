package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.vectors.VectorQueue;

/**
 * The hard-negative statistics of a step, computed by libtorch where the step's similarities are
 * (on its GPU when it has one). Only O(anchors) figures and the non-empty bins of a fixed
 * histogram cross to the host, in one copy; the similarity rows never do. {@code
 * io.contrastream.service.stats.HostStepStatistics} computes the same from rows on the host with
 * the definitions of {@code AnchorPenalty}, and is the test oracle.
 *
 * <p>The sets an anchor's figures are taken over (the kept negatives, the hardest 1%, the top-k
 * labelled ones) are chosen as the host chooses them: by similarity, ties broken by the larger
 * column, so that equal similarities with different labels give the same false-negative share.
 */
public final class DeviceStatistics {

    private DeviceStatistics() {}

    /**
     * @param rows the sampled anchors' similarities (S x C, float32, no gradient): row r is anchor
     *     r against every key column, column r its positive
     * @param excluded per anchor, the columns other than its positive that hold its own sample
     * @param columnLabels the label of every column, or {@link VectorQueue#NO_LABEL}
     * @param anchorLabels the label of every sampled anchor
     * @param loss the loss whose relative penalty is described
     * @param topK how many of its most similar labelled negatives the false-negative share inspects
     */
    public static StepStatistics of(
            NDArray rows, int[][] excluded, int[] columnLabels, int[] anchorLabels, LossSpec loss, int topK) {
        int s = (int) rows.getShape().get(0);
        int c = (int) rows.getShape().get(1);
        Anchors a = new Anchors(s, c, excluded, columnLabels, anchorLabels, loss, topK);
        NDManager m = rows.getManager();
        NDArray valid = a.anyExcluded
                ? m.create(a.validMask(), new Shape(s, c))
                : m.arange(0, c).reshape(1, c).neq(m.arange(0, s).reshape(s, 1));
        NDArray negativeInfinity = m.create(Float.NEGATIVE_INFINITY);
        NDArray masked = NDArrays.where(valid, rows, negativeInfinity);

        NDArray[] penalty = loss.kind().weighsByTemperature()
                ? boltzmann(masked, valid, a, (float) loss.tau())
                : new NDArray[] {m.zeros(new Shape(s)), m.zeros(new Shape(s))};
        NDArray falseNegatives = a.anyFalseNegativeShare
                ? sameLabelAmongTopLabelled(rows, valid, columnLabels, anchorLabels, a, negativeInfinity)
                : m.zeros(new Shape(s));

        NDArray bins = rows.clip(-1f, 1f)
                .add(1f)
                .mul(StepStatistics.HISTOGRAM_BINS / 2f)
                .floor()
                .minimum(StepStatistics.HISTOGRAM_BINS - 1)
                .toType(DataType.INT32, false);
        bins = NDArrays.where(valid, bins, m.create(StepStatistics.HISTOGRAM_BINS)); // a bin of its own
        NDList unique = bins.flatten().unique(null, true, false, true);
        NDArray binValues = unique.get(0);
        NDArray binCounts = unique.get(unique.size() - 1);
        NDArray sums = NDArrays.stack(
                new NDList(NDArrays.where(valid, rows, m.create(0f)).sum(), masked.max()));
        float[] out = NDArrays.concat(new NDList(
                        penalty[0],
                        penalty[1],
                        falseNegatives.toType(DataType.FLOAT32, false),
                        sums,
                        binValues.toType(DataType.FLOAT32, false),
                        binCounts.toType(DataType.FLOAT32, false)))
                .toFloatArray(); // the one copy to the host
        return a.statistics(out, loss);
    }

    /** Entropy and hardest-1% share of the Boltzmann penalty over each anchor's kept negatives. */
    private static NDArray[] boltzmann(NDArray masked, NDArray valid, Anchors a, float tau) {
        NDManager m = masked.getManager();
        NDArray hardest = m.create(a.hardest, new Shape(a.s, 1));
        NDArray logits;
        NDArray kept;
        NDArray top;
        int hardestMax = max(a.hardest);
        if (a.keepsAll) {
            NDArray rowMax = masked.max(new int[] {1}, true);
            logits = masked.sub(rowMax).div(tau);
            kept = valid;
            top = masked.topK(hardestMax, 1, true, true).get(0).sub(rowMax).div(tau);
        } else {
            // The hard losses keep each anchor's nearest negatives: the top kept ones, in order.
            NDArray sorted = masked.topK(max(a.kept), 1, true, true).get(0);
            NDArray rowMax = sorted.get(":, 0:1");
            logits = sorted.sub(rowMax).div(tau);
            kept = m.arange(0, max(a.kept)).reshape(1, -1).lt(m.create(a.kept, new Shape(a.s, 1)));
            top = logits.get(":, 0:{}", hardestMax);
        }
        NDArray zero = m.create(0f);
        NDArray weights = NDArrays.where(kept, logits.exp(), zero);
        NDArray z = weights.sum(new int[] {1});
        NDArray weightedLogits = NDArrays.where(kept, logits.mul(weights), zero).sum(new int[] {1});
        NDArray entropy = z.log().sub(weightedLogits.div(z));
        NDArray inHardest = m.arange(0, hardestMax).reshape(1, -1).lt(hardest);
        NDArray hardMass = NDArrays.where(inHardest, top.exp(), zero).sum(new int[] {1});
        return new NDArray[] {entropy, hardMass.div(z)};
    }

    /**
     * Per anchor, how many of its top-k most similar labelled negatives share its label. The k-th
     * similarity is the threshold; all above it count, and of those equal to it, the ones in the
     * largest columns, as many as are missing to k (the host's order).
     */
    private static NDArray sameLabelAmongTopLabelled(
            NDArray rows, NDArray valid, int[] columnLabels, int[] anchorLabels, Anchors a, NDArray negativeInfinity) {
        NDManager m = rows.getManager();
        NDArray labels = m.create(columnLabels, new Shape(1, a.c));
        NDArray labelled = valid.logicalAnd(labels.neq(VectorQueue.NO_LABEL));
        NDArray candidates = NDArrays.where(labelled, rows, negativeInfinity);
        int k = Math.max(1, max(a.inspected));
        NDArray top = candidates.topK(k, 1, true, true).get(0);
        long[] kthIndex = new long[a.s];
        for (int r = 0; r < a.s; r++) {
            kthIndex[r] = Math.max(0, a.inspected[r] - 1);
        }
        NDArray threshold = top.gather(m.create(kthIndex, new Shape(a.s, 1)), 1);
        NDArray above = candidates.gt(threshold);
        NDArray missing = m.create(a.inspected, new Shape(a.s, 1))
                .sub(above.toType(DataType.INT32, false).sum(new int[] {1}, true));
        NDArray ties = candidates.eq(threshold);
        NDArray fromTheRight =
                ties.toType(DataType.INT32, false).flip(1).cumSum(1).flip(1);
        NDArray chosen = above.logicalOr(ties.logicalAnd(fromTheRight.lte(missing)));
        NDArray same = labels.eq(m.create(anchorLabels, new Shape(a.s, 1)));
        return chosen.logicalAnd(same).toType(DataType.INT32, false).sum(new int[] {1});
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** What the host knows of each anchor without its similarities: counts and sizes of its sets. */
    private static final class Anchors {
        final int s;
        final int c;
        final int[][] excluded;
        final int[] negatives;
        final int[] kept;
        final int[] hardest;
        final int[] inspected;
        final boolean[] hasFalseNegativeShare;
        final boolean anyExcluded;
        final boolean keepsAll;
        final boolean anyFalseNegativeShare;

        Anchors(int s, int c, int[][] excluded, int[] columnLabels, int[] anchorLabels, LossSpec loss, int topK) {
            this.s = s;
            this.c = c;
            this.excluded = excluded;
            negatives = new int[s];
            kept = new int[s];
            hardest = new int[s];
            inspected = new int[s];
            hasFalseNegativeShare = new boolean[s];
            int labelledColumns = 0;
            for (int label : columnLabels) {
                labelledColumns += label != VectorQueue.NO_LABEL ? 1 : 0;
            }
            boolean anyExcluded = false;
            boolean keepsAll = true;
            boolean anyShare = false;
            for (int r = 0; r < s; r++) {
                int n = c - 1;
                int labelled = labelledColumns - (columnLabels[r] != VectorQueue.NO_LABEL ? 1 : 0);
                for (int col : excluded[r]) {
                    if (col != r) {
                        n--;
                        labelled -= columnLabels[col] != VectorQueue.NO_LABEL ? 1 : 0;
                        anyExcluded = true;
                    }
                }
                if (n < 1) {
                    throw new IllegalArgumentException("an anchor needs at least one negative");
                }
                negatives[r] = n;
                kept[r] = loss.keptNegatives(n);
                hardest[r] = StepStatistics.hardest(n, kept[r]);
                keepsAll &= kept[r] == n;
                inspected[r] = Math.min(topK, labelled);
                hasFalseNegativeShare[r] = anchorLabels[r] != VectorQueue.NO_LABEL && labelled > 0;
                anyShare |= hasFalseNegativeShare[r];
            }
            this.anyExcluded = anyExcluded;
            this.keepsAll = keepsAll;
            this.anyFalseNegativeShare = anyShare;
        }

        /** Negatives as a mask: every column but the positive and the excluded ones. */
        boolean[] validMask() {
            boolean[] mask = new boolean[s * c];
            java.util.Arrays.fill(mask, true);
            for (int r = 0; r < s; r++) {
                mask[r * c + r] = false;
                for (int col : excluded[r]) {
                    mask[r * c + col] = false;
                }
            }
            return mask;
        }

        /** The device's copy read back: [entropy | hardest share | same-label count | sum, max | bins | counts]. */
        StepStatistics statistics(float[] out, LossSpec loss) {
            boolean boltzmann = loss.kind().weighsByTemperature();
            double[] entropy = new double[s];
            double[] effective = new double[s];
            double[] hardestShare = new double[s];
            double[] falseNegatives = new double[s];
            for (int r = 0; r < s; r++) {
                // Under the simple losses every kept negative weighs the same: closed forms.
                entropy[r] = boltzmann ? out[r] : Math.log(kept[r]);
                hardestShare[r] = boltzmann ? out[s + r] : (double) hardest[r] / kept[r];
                effective[r] = Math.exp(entropy[r]) / negatives[r];
                falseNegatives[r] = hasFalseNegativeShare[r] ? out[2 * s + r] / inspected[r] : Double.NaN;
            }
            int bins = (out.length - 3 * s - 2) / 2;
            long[] histogram = new long[StepStatistics.HISTOGRAM_BINS];
            for (int i = 0; i < bins; i++) {
                int bin = (int) out[3 * s + 2 + i];
                if (bin < StepStatistics.HISTOGRAM_BINS) {
                    histogram[bin] = (long) out[3 * s + 2 + bins + i];
                }
            }
            return new StepStatistics(
                    entropy, effective, hardestShare, falseNegatives, negatives, histogram, out[3 * s], out[3 * s + 1]);
        }
    }
}
