package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingStabilityTest {

    static float[] randomUnit(int n, int d, Random rng) {
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
        return e;
    }

    @Test
    void unchangedEmbeddingsAreFullyStable() {
        float[] e = randomUnit(50, 8, new Random(1));
        EmbeddingStability.Result r = EmbeddingStability.compare(e, e.clone(), 50, 8);
        assertThat(r.meanCosine()).isCloseTo(1.0, within(1e-6));
        assertThat(r.knnOverlap()).isEqualTo(1.0);
    }

    @Test
    void aRotationMovesEveryVectorButKeepsEveryNeighbourhood() {
        int n = 50;
        int d = 2;
        float[] e = randomUnit(n, d, new Random(2));
        float[] rotated = new float[e.length];
        double a = Math.PI / 3; // 60 degrees: cosine of each vector to itself is 0.5
        for (int i = 0; i < n; i++) {
            rotated[2 * i] = (float) (Math.cos(a) * e[2 * i] - Math.sin(a) * e[2 * i + 1]);
            rotated[2 * i + 1] = (float) (Math.sin(a) * e[2 * i] + Math.cos(a) * e[2 * i + 1]);
        }
        EmbeddingStability.Result r = EmbeddingStability.compare(e, rotated, n, d);
        assertThat(r.meanCosine()).isCloseTo(0.5, within(1e-5));
        assertThat(r.knnOverlap()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void unrelatedEmbeddingsShareAlmostNoNeighbours() {
        Random rng = new Random(3);
        EmbeddingStability.Result r =
                EmbeddingStability.compare(randomUnit(400, 16, rng), randomUnit(400, 16, rng), 400, 16);
        assertThat(r.meanCosine()).isCloseTo(0.0, within(0.05));
        // By chance: 10 of 399 others, about 2.5% shared.
        assertThat(r.knnOverlap()).isLessThan(0.06);
        assertThat(EmbeddingStability.compare(new float[2], new float[2], 1, 2).meanCosine())
                .isNaN();
    }
}
