package io.contrastream.service.stats;

/**
 * Alignment of Wang &amp; Isola with alpha = 2: {@code E ||f(x) - f(x+)||^2} over positive pairs,
 * which for unit vectors is {@code 2 - 2 s_ii}. 0 = the two views embed identically.
 */
public final class Alignment {

    private Alignment() {}

    public static double ofPositive(double positiveSimilarity) {
        return 2 - 2 * positiveSimilarity;
    }
}
