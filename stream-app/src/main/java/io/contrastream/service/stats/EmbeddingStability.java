package io.contrastream.service.stats;

import java.util.Arrays;

/**
 * How far an embedding space moved between two versions of the encoder, measured on the same
 * samples: the mean cosine similarity of each sample to itself, and the mean overlap of each
 * sample's k nearest neighbours, which search indexes depend on. Both are 1 for unchanged
 * weights; a rotation of the whole space lowers the first and keeps the second.
 */
public final class EmbeddingStability {

    /** Neighbours compared per sample. */
    public static final int NEIGHBOURS = 10;

    /** Mean self-similarity and mean share of shared nearest neighbours, NaN below two samples. */
    public record Result(double meanCosine, double knnOverlap) {
        public static final Result NONE = new Result(Double.NaN, Double.NaN);
    }

    private EmbeddingStability() {}

    /**
     * @param before n unit vectors of the older version, row-major
     * @param after the same n samples' vectors from the newer version
     */
    public static Result compare(float[] before, float[] after, int n, int dim) {
        if (n < 2) {
            return Result.NONE;
        }
        double cosine = 0;
        for (int i = 0; i < n; i++) {
            cosine += Similarities.dot(before, i, after, i, dim);
        }
        int k = Math.min(NEIGHBOURS, n - 1);
        int[] a = new int[k];
        int[] b = new int[k];
        float[] sims = new float[n];
        double overlap = 0;
        for (int i = 0; i < n; i++) {
            neighbours(before, i, n, dim, sims, a);
            neighbours(after, i, n, dim, sims, b);
            Arrays.sort(a);
            int shared = 0;
            for (int j : b) {
                if (Arrays.binarySearch(a, j) >= 0) {
                    shared++;
                }
            }
            overlap += (double) shared / k;
        }
        return new Result(cosine / n, overlap / n);
    }

    private static void neighbours(float[] e, int i, int n, int dim, float[] sims, int[] out) {
        for (int j = 0; j < n; j++) {
            sims[j] = j == i ? Float.NEGATIVE_INFINITY : Similarities.dot(e, i, e, j, dim);
        }
        Neighbours.topK(sims, out);
    }
}
