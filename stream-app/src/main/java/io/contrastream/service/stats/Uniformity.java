package io.contrastream.service.stats;

/**
 * Uniformity of Wang &amp; Isola with t = 2, reported as the paper does, {@code -L_uniform}:
 * {@code L_uniform = log E exp(-2 ||f(x) - f(y)||^2)} over pairs of distinct samples. For unit
 * vectors {@code ||a - b||^2 = 2 - 2 a.b}, so {@code -L_uniform = 4 - log mean_{i<j} exp(4 s_ij)},
 * computed as a stable log-mean-exp. 0 means collapse (all embeddings equal); 4 is the
 * high-dimensional maximum.
 */
public final class Uniformity {

    private static final double T = 2.0;

    private Uniformity() {}

    /**
     * @param embeddings row-major unit vectors, {@code n * dim} floats
     * @return {@code -L_uniform}, or NaN with fewer than two embeddings
     */
    public static double negLogUniform(float[] embeddings, int n, int dim) {
        if (n < 2) {
            return Double.NaN;
        }
        double scale = 2 * T;
        // Cosines of unit vectors are at most 1, so scale is the largest exponent there can be:
        // shifting by it, no exp() overflows, none underflows (exp(-2 scale) at worst), and the
        // log-mean-exp takes one pass over the pairs instead of two.
        double max = scale;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += Math.exp(scale * Similarities.dot(embeddings, i, embeddings, j, dim) - max);
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double logMeanExp = max + Math.log(sum / pairs);
        return scale - logMeanExp;
    }
}
