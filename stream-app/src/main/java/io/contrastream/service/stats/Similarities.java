package io.contrastream.service.stats;

/** Dot products of row-major embedding matrices; embeddings are unit vectors, so cosines. */
public final class Similarities {

    private Similarities() {}

    public static float dot(float[] a, int rowA, float[] b, int rowB, int dim) {
        int oa = rowA * dim;
        int ob = rowB * dim;
        // Four independent sums: the CPU overlaps them, where one sum waits on each addition.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            s0 += a[oa + d] * b[ob + d];
            s1 += a[oa + d + 1] * b[ob + d + 1];
            s2 += a[oa + d + 2] * b[ob + d + 2];
            s3 += a[oa + d + 3] * b[ob + d + 3];
        }
        for (; d < dim; d++) {
            s0 += a[oa + d] * b[ob + d];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
