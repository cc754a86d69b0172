package io.contrastream.producer.publish;

/**
 * How much to publish and how fast.
 *
 * @param epochs passes over the dataset, each in a fresh shuffled order; 0 = forever
 * @param limit stop after this many pairs in all; 0 = no limit
 * @param ratePerSecond pairs per second; 0 = as fast as the broker takes them
 */
public record PublishPlan(int epochs, long limit, double ratePerSecond) {

    public PublishPlan {
        if (epochs < 0 || limit < 0 || ratePerSecond < 0) {
            throw new IllegalArgumentException("epochs, limit and rate must be >= 0");
        }
    }

    /** Pairs this plan publishes from a dataset of the given size; 0 when unbounded. */
    public long total(int datasetSize) {
        long byEpochs = epochs == 0 ? 0 : (long) epochs * datasetSize;
        if (limit == 0) {
            return byEpochs;
        }
        return byEpochs == 0 ? limit : Math.min(limit, byEpochs);
    }
}
