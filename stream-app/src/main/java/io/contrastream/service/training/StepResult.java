package io.contrastream.service.training;

/**
 * What one training step hands to the statistics, already on the Java heap.
 *
 * @param step the model's step count after this step; the batch's embeddings come from the
 *     weights before it, version {@code step - 1}
 * @param ids the batch's sample ids
 * @param loss the mean InfoNCE loss of the batch
 * @param queries the batch's query embeddings (B x dim, L2-normalised), before the update
 * @param positiveSimilarities s_ii for every anchor
 * @param anchorRows similarity rows of the sampled anchors: row r is anchor r against every
 *     key column (in-batch keys first, then the bank); column r is its positive
 * @param anchorExcluded per sampled anchor, the columns other than its positive that hold its own
 *     sample (in-batch duplicates, its bank slot): the loss masks them, so they are no negatives
 *     to the statistics either; usually empty
 * @param columnLabels the label of each key column
 * @param labels the batch's labels
 * @param stepNanos wall time of the step
 */
public record StepResult(
        long step,
        String[] ids,
        double loss,
        float[] queries,
        float[] positiveSimilarities,
        float[][] anchorRows,
        int[][] anchorExcluded,
        int[] columnLabels,
        int[] labels,
        long stepNanos) {

    public int batchSize() {
        return labels.length;
    }
}
