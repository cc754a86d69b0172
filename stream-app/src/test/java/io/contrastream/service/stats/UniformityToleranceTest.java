package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.service.vectors.VectorQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UniformityToleranceTest {

    @Test
    void identicalPointsAreFullyCollapsed() {
        float[] e = new float[10 * 3];
        for (int i = 0; i < 10; i++) {
            e[i * 3] = 1;
        }
        assertThat(Uniformity.negLogUniform(e, 10, 3)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void orthonormalPointsScoreFour() {
        int n = 6;
        float[] e = new float[n * n];
        for (int i = 0; i < n; i++) {
            e[i * n + i] = 1;
        }
        assertThat(Uniformity.negLogUniform(e, n, n)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void antipodalPairScoresEight() {
        // ||a - b||^2 = 4, so -L_uniform = -log exp(-2 * 4) = 8.
        float[] e = {0, 1, 0, -1};
        assertThat(Uniformity.negLogUniform(e, 2, 2)).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void regularSimplexMatchesItsClosedForm() {
        // n unit vectors with pairwise cosine -1/(n-1): -L_uniform = 4 + 4/(n-1).
        int n = 4;
        float[] e = simplex(n);
        assertThat(Uniformity.negLogUniform(e, n, n)).isCloseTo(4 + 4.0 / (n - 1), within(1e-5));
    }

    @Test
    void randomHighDimensionalPointsApproachFour() {
        Random rng = new Random(5);
        int n = 400;
        int d = 128;
        float[] e = new float[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                e[i * d + k] = (float) rng.nextGaussian();
                norm += e[i * d + k] * e[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                e[i * d + k] /= (float) Math.sqrt(norm);
            }
        }
        // E exp(4s) for s ~ N(0, 1/d) is exp(8/d): -L_uniform ~ 4 - 8/128.
        assertThat(Uniformity.negLogUniform(e, n, d)).isCloseTo(4 - 8.0 / d, within(0.02));
    }

    @Test
    void fewerThanTwoPointsHaveNoUniformity() {
        assertThat(Uniformity.negLogUniform(new float[] {1, 0}, 1, 2)).isNaN();
    }

    @Test
    void toleranceIsTheMeanSimilarityOfSameLabelPairs() {
        // Label 0: a=(1,0), b=(0.6,0.8), c=(0,1): pairs ab=.6, ac=0, bc=.8. Label 1: d=e=(1,0): 1.
        // An unlabelled point equal to a is ignored. Pooled: (.6 + 0 + .8 + 1) / 4 = 0.6.
        float[] e = {1, 0, 0.6f, 0.8f, 0, 1, 1, 0, 1, 0, 1, 0};
        int[] labels = {0, 0, 0, 1, 1, VectorQueue.NO_LABEL};
        Tolerance.Result t = Tolerance.of(e, labels, 6, 2);
        assertThat(t.pairs()).isEqualTo(4);
        assertThat(t.value()).isCloseTo(0.6, within(1e-6));
        assertThat(Tolerance.of(e, new int[] {0, 1, 2, 3, 4, 5}, 6, 2).value()).isNaN();
    }

    @Test
    void alignmentIsTheSquaredDistanceOfUnitVectors() {
        assertThat(Alignment.ofPositive(1.0)).isEqualTo(0.0);
        assertThat(Alignment.ofPositive(0.0)).isEqualTo(2.0);
        assertThat(Alignment.ofPositive(-1.0)).isEqualTo(4.0);
    }

    static float[] simplex(int n) {
        // Centred standard basis vectors e_i - (1/n) 1, normalised: pairwise cosine -1/(n-1).
        float[] e = new float[n * n];
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt((1 - 1.0 / n) * (1 - 1.0 / n) + (n - 1) / (double) (n * n));
            for (int k = 0; k < n; k++) {
                e[i * n + k] = (float) (((i == k ? 1 : 0) - 1.0 / n) / norm);
            }
        }
        return e;
    }
}
