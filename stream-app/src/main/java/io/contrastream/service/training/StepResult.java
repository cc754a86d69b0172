package io.contrastream.service.training;

/**
 * What one training step hands to the session, already on the Java heap: O(batch) numbers.
 *
 * @param step the model's step count after this step; the batch's embeddings come from the
 *     weights before it, version {@code step - 1}
 * @param ids the batch's sample ids
 * @param loss the mean InfoNCE loss of the batch
 * @param queries the batch's query embeddings (B x dim, L2-normalised), before the update
 * @param positiveSimilarities s_ii for every anchor
 * @param statistics the hard-negative statistics of the sampled anchors, computed on the device
 *     ({@link StepStatistics#none()} for a step whose update was skipped)
 * @param labels the batch's labels
 * @param stepNanos wall time of the step, its statistics included
 * @param statsNanos the part of it the statistics took
 */
public record StepResult(
        long step,
        String[] ids,
        double loss,
        float[] queries,
        float[] positiveSimilarities,
        StepStatistics statistics,
        int[] labels,
        long stepNanos,
        long statsNanos) {

    public int batchSize() {
        return labels.length;
    }
}
