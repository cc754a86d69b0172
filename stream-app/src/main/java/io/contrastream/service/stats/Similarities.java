package io.contrastream.service.stats;

/** Dot products of row-major embedding matrices; embeddings are unit vectors, so cosines. */
final class Similarities {

    private Similarities() {}

    static float dot(float[] a, int rowA, float[] b, int rowB, int dim) {
        float s = 0;
        int oa = rowA * dim;
        int ob = rowB * dim;
        for (int d = 0; d < dim; d++) {
            s += a[oa + d] * b[ob + d];
        }
        return s;
    }
}
