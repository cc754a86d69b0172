package io.contrastream.service.stats;

/** Nearest neighbours by similarity: a partial selection with a small min-heap. */
final class Neighbours {

    private Neighbours() {}

    /** Indices of the top.length largest values (a partial selection, k small next to n). */
    static void topK(float[] values, int[] top) {
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
