package io.contrastream.service.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Weighted k-nearest-neighbour classification of Wu et al. (2018), the usual quick probe of a
 * contrastive embedding: each of the k most similar labelled embeddings votes for its class with
 * weight {@code exp(s / 0.07)}; the class with the most weight wins. Either queries against a
 * labelled reference set (the paper's way: test images against training images), or
 * leave-one-out on one labelled set.
 */
public final class WeightedKnn {

    /** The temperature of the vote weights, as in Wu et al. */
    public static final double VOTE_TEMPERATURE = 0.07;

    private WeightedKnn() {}

    /**
     * Classifies rows of similarities to a fixed labelled set. Votes are kept per class actually
     * present, so a sparse label space (any id up to the wire format's maximum) costs no more
     * than a dense one.
     */
    public static final class Voter {

        private final int[] dense;
        private final int[] classLabels;
        private final int[] top;
        private final double[] votes;

        /** @param labels the labelled set's classes, one per similarity column */
        public Voter(int[] labels, int count, int k) {
            Map<Integer, Integer> index = new HashMap<>();
            dense = new int[count];
            for (int i = 0; i < count; i++) {
                dense[i] = index.computeIfAbsent(labels[i], l -> index.size());
            }
            classLabels = new int[index.size()];
            index.forEach((label, d) -> classLabels[d] = label);
            top = new int[Math.min(k, count)];
            votes = new double[index.size()];
        }

        /**
         * The winning label for one row of similarities to the labelled set (a column set to
         * negative infinity never votes: leave-one-out).
         */
        public int predict(float[] similarities) {
            Neighbours.topK(similarities, top);
            Arrays.fill(votes, 0);
            for (int j : top) {
                if (similarities[j] != Float.NEGATIVE_INFINITY) {
                    votes[dense[j]] += Math.exp(similarities[j] / VOTE_TEMPERATURE);
                }
            }
            int best = 0;
            for (int c = 1; c < votes.length; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            return classLabels[best];
        }
    }

    /**
     * @param embeddings n unit vectors, row-major
     * @param labels their classes, >= 0
     * @return the share of samples whose neighbours' vote gives their own class; NaN if n < 2
     */
    public static double leaveOneOutAccuracy(float[] embeddings, int[] labels, int n, int dim, int k) {
        if (n < 2) {
            return Double.NaN;
        }
        Voter voter = new Voter(labels, n, Math.min(k, n - 1));
        float[] sims = new float[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sims[j] = j == i ? Float.NEGATIVE_INFINITY : Similarities.dot(embeddings, i, embeddings, j, dim);
            }
            if (voter.predict(sims) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
