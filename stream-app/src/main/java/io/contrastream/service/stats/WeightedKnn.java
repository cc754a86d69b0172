package io.contrastream.service.stats;

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
        int classes = 0;
        for (int i = 0; i < n; i++) {
            classes = Math.max(classes, labels[i] + 1);
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
            topK(sims, top);
            java.util.Arrays.fill(votes, 0);
            for (int j : top) {
                votes[labels[j]] += Math.exp(sims[j] / VOTE_TEMPERATURE);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /** Indices of the top.length largest values (a partial selection, k small next to n). */
    private static void topK(float[] values, int[] top) {
        int k = top.length;
        int filled = 0;
        for (int j = 0; j < values.length; j++) {
            if (filled < k) {
                top[filled++] = j;
                siftUp(values, top, filled - 1);
            } else if (values[j] > values[top[0]]) {
                top[0] = j;
                siftDown(values, top, k);
            }
        }
    }

    // A min-heap on values[top[.]]: top[0] is the smallest of the current best k.
    private static void siftUp(float[] v, int[] h, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (v[h[i]] >= v[h[parent]]) {
                return;
            }
            swap(h, i, parent);
            i = parent;
        }
    }

    private static void siftDown(float[] v, int[] h, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int smallest = i;
            if (l < size && v[h[l]] < v[h[smallest]]) {
                smallest = l;
            }
            if (r < size && v[h[r]] < v[h[smallest]]) {
                smallest = r;
            }
            if (smallest == i) {
                return;
            }
            swap(h, i, smallest);
            i = smallest;
        }
    }

    private static void swap(int[] h, int a, int b) {
        int t = h[a];
        h[a] = h[b];
        h[b] = t;
    }
}
