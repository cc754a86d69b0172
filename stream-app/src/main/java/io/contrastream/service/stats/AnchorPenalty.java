package io.contrastream.service.stats;

import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.StepStatistics;
import io.contrastream.service.vectors.VectorQueue;

/**
 * The paper's gradient analysis for one anchor, made observable. Over the negatives j that the
 * loss uses, the relative penalty is the share of the push on the anchor that j receives: for the
 * contrastive losses the Boltzmann distribution {@code r_j = exp(s_j/tau) / sum_k exp(s_k/tau)},
 * for the simple losses uniform; the hard losses use only the anchor's nearest negatives.
 *
 * @param entropy {@code H(r) = -sum r_j log r_j}, nats; log N when every negative weighs the same
 * @param effectiveRatio {@code exp(H) / N}, the effective number of negatives as a fraction of all
 * @param hardestShare sum of r_j over the hardest 1% (at least one) of all negatives
 * @param falseNegativeShare share of the top-k most similar labelled negatives that carry the
 *     anchor's label; NaN when the anchor or all of them are unlabelled
 * @param negatives N, all negatives of the anchor
 */
public record AnchorPenalty(
        double entropy, double effectiveRatio, double hardestShare, double falseNegativeShare, int negatives) {

    /**
     * @param row the anchor's similarities to every key column
     * @param positiveColumn the column of its positive, excluded from the negatives
     * @param excludedColumns columns that are not negatives either, exactly those the loss masks
     *     (in-batch duplicates of its sample, its sample's bank slot); usually none
     * @param columnLabels label per column
     * @param anchorLabel the anchor's label or {@link VectorQueue#NO_LABEL}
     * @param loss the loss whose penalty is described
     * @param topK how many hardest negatives the false-negative share looks at
     */
    public static AnchorPenalty of(
            float[] row,
            int positiveColumn,
            int[] excludedColumns,
            int[] columnLabels,
            int anchorLabel,
            LossSpec loss,
            int topK) {
        int n = row.length - 1;
        for (int c : excludedColumns) {
            n -= c != positiveColumn ? 1 : 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("an anchor needs at least one negative");
        }
        // Each negative as a sort key: the float's ordered bits high, its column low (no ties).
        // Only sets are needed (the kept negatives, the hardest 1%, the top-k labelled ones), so
        // they are selected in linear time rather than sorting all N, which is the bank plus the
        // batch: thousands per anchor, several anchors per step.
        long[] order = new long[n];
        int labelledNegatives = 0;
        for (int c = 0, k = 0; c < row.length; c++) {
            if (c != positiveColumn && !isExcluded(c, excludedColumns)) {
                order[k++] = ((long) sortableBits(row[c]) << 32) | c;
                labelledNegatives += columnLabels[c] != VectorQueue.NO_LABEL ? 1 : 0;
            }
        }
        int kept = loss.keptNegatives(n);
        int hardest = StepStatistics.hardest(n, kept);
        // order[n - kept, n) the kept negatives, and within them order[n - hardest, n) the hardest.
        TopSelection.largestLast(order, 0, n, kept);
        TopSelection.largestLast(order, n - kept, n, hardest);
        boolean boltzmann = loss.kind().weighsByTemperature();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = n - hardest; i < n; i++) {
            max = Math.max(max, row[(int) order[i]]);
        }
        double z = 0;
        double weightedLog = 0;
        double hardMass = 0;
        for (int i = n - kept; i < n; i++) {
            double logit = boltzmann ? (row[(int) order[i]] - max) / loss.tau() : 0;
            double weight = Math.exp(logit);
            z += weight;
            weightedLog += weight * logit;
            hardMass += i >= n - hardest ? weight : 0;
        }
        // H = log z - E_r[logit], with logits shifted by max for stability.
        double entropy = Math.log(z) - weightedLog / z;
        int labelled = 0;
        int sameLabel = 0;
        if (anchorLabel != VectorQueue.NO_LABEL && labelledNegatives > 0) {
            long[] candidates = new long[labelledNegatives];
            for (int i = 0, k = 0; i < n; i++) {
                if (columnLabels[(int) order[i]] != VectorQueue.NO_LABEL) {
                    candidates[k++] = order[i];
                }
            }
            labelled = Math.min(topK, labelledNegatives);
            TopSelection.largestLast(candidates, 0, labelledNegatives, labelled);
            for (int i = labelledNegatives - labelled; i < labelledNegatives; i++) {
                sameLabel += columnLabels[(int) candidates[i]] == anchorLabel ? 1 : 0;
            }
        }
        double falseNegatives = labelled == 0 ? Double.NaN : (double) sameLabel / labelled;
        return new AnchorPenalty(entropy, Math.exp(entropy) / n, hardMass / z, falseNegatives, n);
    }

    /** Whether a column is among the excluded ones (a handful at most: a linear scan). */
    public static boolean isExcluded(int column, int[] excludedColumns) {
        for (int c : excludedColumns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    /** Maps a float to an int whose signed order matches the float's order. */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
