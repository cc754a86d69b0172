package io.contrastream.service.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * Weighted k-nearest-neighbour classification of Wu et al. (2018), the usual quick probe of a
 * contrastive embedding: each of the k most similar labelled embeddings votes for its class with
 * weight {@code exp(s / 0.07)}; the class with the most weight wins. Evaluated leave-one-out on a
 * labelled set, so no separate reference set is needed.
 */
public final class WeightedKnn {

    /** The temperature of the vote weights, as in Wu et al. */
    public static final double VOTE_TEMPERATURE = 0.07;

    private WeightedKnn() {}

    /**
     * @param embeddings n unit vectors, row-major
     * @param labels their classes, >= 0
     * @return the share of samples whose neighbours' vote gives their own class; NaN if n < 2
     */
    public static double leaveOneOutAccuracy(float[] embeddings, int[] labels, int n, int dim, int k) {
        if (n < 2) {
            return Double.NaN;
        }
        // Votes are kept per class actually present, so a sparse label space (any id up to the
        // wire format's maximum) costs no more than a dense one.
        int[] dense = denseClasses(labels, n);
        int classes = 0;
        for (int i = 0; i < n; i++) {
            classes = Math.max(classes, dense[i] + 1);
        }
        int kk = Math.min(k, n - 1);
        float[] sims = new float[n];
        int[] top = new int[kk];
        double[] votes = new double[classes];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sims[j] = j == i ? Float.NEGATIVE_INFINITY : Similarities.dot(embeddings, i, embeddings, j, dim);
            }
            Neighbours.topK(sims, top);
            java.util.Arrays.fill(votes, 0);
            for (int j : top) {
                votes[dense[j]] += Math.exp(sims[j] / VOTE_TEMPERATURE);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == dense[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /** Labels renumbered 0, 1, 2, ... in order of first appearance. */
    private static int[] denseClasses(int[] labels, int n) {
        Map<Integer, Integer> index = new HashMap<>();
        int[] dense = new int[n];
        for (int i = 0; i < n; i++) {
            dense[i] = index.computeIfAbsent(labels[i], l -> index.size());
        }
        return dense;
    }
}
