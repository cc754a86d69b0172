package io.contrastream.service.stats;

import io.contrastream.service.training.StepStatistics;
import java.util.Arrays;

/**
 * Counts of cosine similarities in fixed bins over [-1, 1]: constant memory however many values
 * it sees, quantiles to within one bin width (0.001 with the default 2000 bins), exact mean and
 * maximum.
 */
public final class SimilarityHistogram {

    private final long[] counts;
    private long total;
    private double sum;
    private double max = Double.NEGATIVE_INFINITY;

    public SimilarityHistogram(int bins) {
        counts = new long[bins];
    }

    public void add(float similarity) {
        counts[StepStatistics.bin(similarity, counts.length)]++;
        total++;
        sum += similarity;
        max = Math.max(max, similarity);
    }

    /**
     * Adds values already counted in bins of this resolution, with their sum and maximum (NaN
     * when there are none).
     */
    public void addCounts(long[] binCounts, double valueSum, double valueMax) {
        if (binCounts.length != counts.length) {
            throw new IllegalArgumentException(binCounts.length + " bins, not " + counts.length);
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] += binCounts[b];
            total += binCounts[b];
        }
        sum += valueSum;
        if (!Double.isNaN(valueMax)) {
            max = Math.max(max, valueMax);
        }
    }

    public long count() {
        return total;
    }

    public double mean() {
        return total == 0 ? Double.NaN : sum / total;
    }

    public double max() {
        return total == 0 ? Double.NaN : max;
    }

    /** The q-quantile, interpolated linearly inside its bin; NaN when empty. */
    public double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        double target = q * total;
        long seen = 0;
        double width = 2.0 / counts.length;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0 && seen + counts[b] >= target) {
                double within = (target - seen) / counts[b];
                return Math.min(max, -1.0 + (b + within) * width);
            }
            seen += counts[b];
        }
        return max;
    }

    /** Bin counts, lowest bin first; a copy. */
    public long[] counts() {
        return counts.clone();
    }

    /** The counts merged into {@code bins} equal bins (which must divide the bin count). */
    public long[] coarse(int bins) {
        if (counts.length % bins != 0) {
            throw new IllegalArgumentException(bins + " does not divide " + counts.length);
        }
        int per = counts.length / bins;
        long[] out = new long[bins];
        for (int b = 0; b < counts.length; b++) {
            out[b / per] += counts[b];
        }
        return out;
    }

    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        sum = 0;
        max = Double.NEGATIVE_INFINITY;
    }
}
