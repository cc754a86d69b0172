package io.contrastream.service.stats;

import io.contrastream.service.vectors.VectorQueue;

/**
 * Tolerance of Wang &amp; Liu: {@code T = E[f(x).f(y) | l(x) = l(y)]}, the mean cosine similarity
 * of distinct samples that share a label, pooled over every same-label pair (classes with more
 * samples weigh more). Unlabelled samples are left out.
 */
public final class Tolerance {

    /** The mean, NaN without any same-label pair, and how many pairs it averaged. */
    public record Result(double value, long pairs) {}

    private Tolerance() {}

    public static Result of(float[] embeddings, int[] labels, int n, int dim) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] == VectorQueue.NO_LABEL) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (labels[j] == labels[i]) {
                    sum += Similarities.dot(embeddings, i, embeddings, j, dim);
                    pairs++;
                }
            }
        }
        return new Result(pairs == 0 ? Double.NaN : sum / pairs, pairs);
    }
}
