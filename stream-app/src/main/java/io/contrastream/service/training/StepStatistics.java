package io.contrastream.service.training;

/**
 * The hard-negative statistics of one step, computed where its similarities are (see {@link
 * DeviceStatistics}): per sampled anchor the figures of its relative penalty, and the similarities
 * of all their negatives as counts in fixed bins. O(anchors + bins) numbers, however large the bank.
 *
 * @param entropy per anchor, {@code H(r)} in nats over the negatives the loss keeps
 * @param effectiveRatio per anchor, {@code exp(H) / N}: the effective negatives as a share of all N
 * @param hardestShare per anchor, the share of the penalty on its hardest 1% of negatives
 * @param falseNegativeShare per anchor, the share of its {@code top-k} most similar labelled
 *     negatives that carry its label; NaN when it or all of them are unlabelled
 * @param negatives per anchor, N: its columns other than its positive and its own sample's
 * @param negativeHistogram the anchors' negative similarities counted in {@link #HISTOGRAM_BINS}
 *     bins over [-1, 1] (see {@link #bin})
 * @param negativeSum their sum
 * @param negativeMax their largest, NaN without any
 */
public record StepStatistics(
        double[] entropy,
        double[] effectiveRatio,
        double[] hardestShare,
        double[] falseNegativeShare,
        int[] negatives,
        long[] negativeHistogram,
        double negativeSum,
        double negativeMax) {

    /** Similarity histogram resolution: 2000 bins over [-1, 1], 0.001 wide. */
    public static final int HISTOGRAM_BINS = 2000;

    /** Fraction of an anchor's negatives, the hardest, whose share of the penalty is reported. */
    public static final double HARDEST_FRACTION = 0.01;

    /** A step that measured nothing (no anchors). */
    public static StepStatistics none() {
        return new StepStatistics(
                new double[0],
                new double[0],
                new double[0],
                new double[0],
                new int[0],
                new long[HISTOGRAM_BINS],
                0,
                Double.NaN);
    }

    public int anchors() {
        return entropy.length;
    }

    /**
     * The bin of a similarity, clamped to [-1, 1]: computed in float, in the same two operations the
     * device uses, so that host and device put every value in the same bin.
     */
    public static int bin(float similarity) {
        return bin(similarity, HISTOGRAM_BINS);
    }

    /** The same for {@code bins} equal bins over [-1, 1]. */
    public static int bin(float similarity, int bins) {
        float clamped = Math.max(-1f, Math.min(1f, similarity));
        return Math.min(bins - 1, (int) ((clamped + 1f) * (bins / 2f)));
    }

    /** How many of {@code negatives} make the hardest 1% (at least one), within the {@code kept}. */
    public static int hardest(int negatives, int kept) {
        return Math.min(kept, Math.max(1, (int) Math.ceil(HARDEST_FRACTION * negatives)));
    }
}
