package io.contrastream.service.stats;

import io.contrastream.service.training.LossSpec;
import io.contrastream.service.vectors.VectorQueue;
import java.util.Arrays;

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

    /** Fraction of the hardest negatives whose penalty share is reported. */
    public static final double HARDEST_FRACTION = 0.01;

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
        // Negatives sorted by similarity, descending: column in the low half of a sort key whose
        // high half is the float's ordered bits.
        long[] order = new long[n];
        for (int c = 0, k = 0; c < row.length; c++) {
            if (c != positiveColumn && !isExcluded(c, excludedColumns)) {
                order[k++] = ((long) sortableBits(row[c]) << 32) | c;
            }
        }
        Arrays.sort(order);
        int kept = loss.keptNegatives(n);
        boolean boltzmann = loss.kind().weighsByTemperature();
        float max = row[(int) order[n - 1]];
        // w_j for the kept negatives (the hardest `kept`), hardest first.
        double[] weights = new double[kept];
        double z = 0;
        double weightedLog = 0;
        for (int i = 0; i < kept; i++) {
            double logit = boltzmann ? (row[(int) order[n - 1 - i]] - max) / loss.tau() : 0;
            weights[i] = Math.exp(logit);
            z += weights[i];
            weightedLog += weights[i] * logit;
        }
        // H = log z - E_r[logit], with logits shifted by max for stability.
        double entropy = Math.log(z) - weightedLog / z;
        int hardest = Math.min(kept, Math.max(1, (int) Math.ceil(HARDEST_FRACTION * n)));
        double hardMass = 0;
        for (int i = 0; i < hardest; i++) {
            hardMass += weights[i];
        }
        int labelled = 0;
        int sameLabel = 0;
        if (anchorLabel != VectorQueue.NO_LABEL) {
            for (int i = 0; i < n && labelled < topK; i++) {
                int column = (int) order[n - 1 - i];
                if (columnLabels[column] != VectorQueue.NO_LABEL) {
                    labelled++;
                    if (columnLabels[column] == anchorLabel) {
                        sameLabel++;
                    }
                }
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
