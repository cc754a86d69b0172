package io.contrastream.service.stats;

/**
 * How statistics are computed.
 *
 * @param windowSize recent embeddings kept for uniformity and tolerance
 * @param tau the temperature of the loss, which defines the relative penalty
 * @param falseNegativeTopK hardest negatives inspected per anchor for the false-negative share
 */
public record StatsSettings(int windowSize, double tau, int falseNegativeTopK) {

    /** Similarity histogram resolution: 2000 bins over [-1, 1], 0.001 wide. */
    public static final int HISTOGRAM_BINS = 2000;

    public StatsSettings {
        if (windowSize < 2 || !(tau > 0) || falseNegativeTopK < 1) {
            throw new IllegalArgumentException("window >= 2, tau > 0, top-k >= 1");
        }
    }
}
