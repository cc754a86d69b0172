package io.contrastream.service.stats;

import io.contrastream.service.training.VectorQueue;
import java.util.Arrays;

/**
 * The paper's gradient analysis for one anchor, made observable. Over the anchor's negatives j,
 * the relative penalty is the Boltzmann distribution {@code r_j = exp(s_j/tau) / sum_k
 * exp(s_k/tau)}: the share of the push on the anchor that negative j receives.
 *
 * @param entropy {@code H(r) = -sum r_j log r_j}, nats; log N when every negative weighs the same
 * @param effectiveRatio {@code exp(H) / N}, the effective number of negatives as a fraction
 * @param hardestShare sum of r_j over the hardest 1% (at least one) of negatives
 * @param falseNegativeShare share of the top-k most similar labelled negatives that carry the
 *     anchor's label; NaN when the anchor or all of them are unlabelled
 * @param negatives N
 */
public record AnchorPenalty(
        double entropy, double effectiveRatio, double hardestShare, double falseNegativeShare, int negatives) {

    /** Fraction of the hardest negatives whose penalty share is reported. */
    public static final double HARDEST_FRACTION = 0.01;

    /**
     * @param row the anchor's similarities to every key column
     * @param positiveColumn the column of its positive, excluded from the negatives
     * @param columnLabels label per column
     * @param anchorLabel the anchor's label or {@link VectorQueue#NO_LABEL}
     * @param topK how many hardest negatives the false-negative share looks at
     */
    public static AnchorPenalty of(
            float[] row, int positiveColumn, int[] columnLabels, int anchorLabel, double tau, int topK) {
        int n = row.length - 1;
        if (n < 1) {
            throw new IllegalArgumentException("an anchor needs at least one negative");
        }
        // Negatives sorted by similarity, descending, carrying their labels along.
        long[] order = new long[n];
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0, k = 0; c < row.length; c++) {
            if (c == positiveColumn) {
                continue;
            }
            max = Math.max(max, row[c]);
            // Sort key: the float's ordered bits in the high half, column in the low half.
            order[k++] = ((long) sortableBits(row[c]) << 32) | c;
        }
        Arrays.sort(order);
        double z = 0;
        double weightedLog = 0;
        for (int c = 0; c < row.length; c++) {
            if (c == positiveColumn) {
                continue;
            }
            double logit = (row[c] - max) / tau;
            double w = Math.exp(logit);
            z += w;
            weightedLog += w * logit;
        }
        // H = log z - E_r[logit], with logits shifted by max for stability.
        double entropy = Math.log(z) - weightedLog / z;
        int hardest = Math.max(1, (int) Math.ceil(HARDEST_FRACTION * n));
        double hardMass = 0;
        int labelled = 0;
        int sameLabel = 0;
        boolean wantsLabels = anchorLabel != VectorQueue.NO_LABEL;
        for (int i = 0; i < n && (i < hardest || (wantsLabels && labelled < topK)); i++) {
            int column = (int) order[n - 1 - i];
            if (i < hardest) {
                hardMass += Math.exp((row[column] - max) / tau);
            }
            if (wantsLabels
                    && labelled < topK
                    && columnLabels[column] != VectorQueue.NO_LABEL) {
                labelled++;
                if (columnLabels[column] == anchorLabel) {
                    sameLabel++;
                }
            }
        }
        double falseNegatives = labelled == 0 ? Double.NaN : (double) sameLabel / labelled;
        return new AnchorPenalty(entropy, Math.exp(entropy) / n, hardMass / z, falseNegatives, n);
    }

    /** Maps a float to an int whose signed order matches the float's order. */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
