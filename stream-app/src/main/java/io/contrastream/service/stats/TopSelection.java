package io.contrastream.service.stats;

/** Partial ordering of sort keys: the k largest of a range, found in linear expected time. */
final class TopSelection {

    private TopSelection() {}

    /**
     * Rearranges {@code keys[from, to)} so that its {@code k} largest keys occupy {@code [to - k,
     * to)}, in no particular order (quickselect, median-of-three pivots).
     */
    static void largestLast(long[] keys, int from, int to, int k) {
        if (k <= 0 || k >= to - from) {
            return;
        }
        int target = to - k; // the first index of the k largest once partitioned
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long pivot = medianOfThree(keys[lo], keys[mid], keys[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = keys[i];
                    keys[i++] = keys[j];
                    keys[j--] = t;
                }
            }
            // Now [lo, j] <= pivot <= [i, hi], and anything between equals the pivot.
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
