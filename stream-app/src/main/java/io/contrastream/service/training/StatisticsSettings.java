package io.contrastream.service.training;

/**
 * What the trainer measures beside each step, on its device.
 *
 * @param sampledAnchors anchors per step whose similarities to every key column feed the
 *     hard-negative statistics (bounds their cost)
 * @param falseNegativeTopK hardest labelled negatives per anchor inspected for its label
 * @param windowSize recent query embeddings kept for uniformity and tolerance
 */
public record StatisticsSettings(int sampledAnchors, int falseNegativeTopK, int windowSize) {

    public StatisticsSettings {
        if (sampledAnchors < 1 || falseNegativeTopK < 1 || windowSize < 2) {
            throw new IllegalArgumentException("sampled anchors >= 1, false-negative top-k >= 1, window >= 2");
        }
    }
}
