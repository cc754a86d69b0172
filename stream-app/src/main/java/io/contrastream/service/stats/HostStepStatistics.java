package io.contrastream.service.stats;

import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.StepStatistics;

/**
 * A step's statistics computed on the host from its similarity rows, with {@link AnchorPenalty}'s
 * definitions: the reference that {@link io.contrastream.service.training.DeviceStatistics} must
 * reproduce (its tests compare the two on random and adversarial rows).
 */
public final class HostStepStatistics {

    private HostStepStatistics() {}

    /** Arguments as {@link io.contrastream.service.training.DeviceStatistics#of}'s, with the rows on the heap. */
    public static StepStatistics of(
            float[][] rows, int[][] excluded, int[] columnLabels, int[] anchorLabels, LossSpec loss, int topK) {
        int s = rows.length;
        double[] entropy = new double[s];
        double[] effective = new double[s];
        double[] hardest = new double[s];
        double[] falseNegatives = new double[s];
        int[] negatives = new int[s];
        long[] histogram = new long[StepStatistics.HISTOGRAM_BINS];
        double sum = 0;
        double max = Double.NaN;
        for (int r = 0; r < s; r++) {
            AnchorPenalty p = AnchorPenalty.of(rows[r], r, excluded[r], columnLabels, anchorLabels[r], loss, topK);
            entropy[r] = p.entropy();
            effective[r] = p.effectiveRatio();
            hardest[r] = p.hardestShare();
            falseNegatives[r] = p.falseNegativeShare();
            negatives[r] = p.negatives();
            for (int col = 0; col < rows[r].length; col++) {
                if (col != r && !AnchorPenalty.isExcluded(col, excluded[r])) {
                    float v = rows[r][col];
                    histogram[StepStatistics.bin(v)]++;
                    sum += v;
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                }
            }
        }
        return new StepStatistics(entropy, effective, hardest, falseNegatives, negatives, histogram, sum, max);
    }
}
