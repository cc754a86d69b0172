package io.contrastream.service.stats;

import io.contrastream.service.training.LossSpec;

/**
 * How statistics are computed.
 *
 * @param windowSize recent embeddings kept for uniformity and tolerance
 * @param loss the loss being trained, which defines the relative penalty
 * @param falseNegativeTopK hardest negatives inspected per anchor for the false-negative share
 */
public record StatsSettings(int windowSize, LossSpec loss, int falseNegativeTopK) {

    /** Similarity histogram resolution: 2000 bins over [-1, 1], 0.001 wide. */
    public static final int HISTOGRAM_BINS = 2000;

    public StatsSettings {
        if (windowSize < 2 || falseNegativeTopK < 1) {
            throw new IllegalArgumentException("window >= 2, top-k >= 1");
        }
    }
}
