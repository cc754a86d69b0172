package io.contrastream.service.training;

/**
 * Uniformity and tolerance of the recent embeddings (see {@link EmbeddingWindow}).
 *
 * @param uniformity {@code -L_uniform} (Wang &amp; Isola, t = 2), NaN with fewer than two embeddings
 * @param tolerance the mean similarity of same-label pairs, NaN without one
 * @param tolerancePairs how many pairs the tolerance averaged
 * @param nanos the time computing them took
 */
public record WindowStatistics(double uniformity, double tolerance, long tolerancePairs, long nanos) {

    /** Nothing measured: no window (the data path measured without its training step). */
    public static final WindowStatistics NONE = new WindowStatistics(Double.NaN, Double.NaN, 0, 0);
}
