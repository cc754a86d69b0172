package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each loss's autograd gradient with respect to the similarities, against the paper's forms. */
class ContrastiveLossGradientTest {

    static final int B = 4;
    static final int N = 13; // 4 in-batch keys + 9 bank keys
    static final double TAU = 0.2;

    /** Autograd of the loss; returns {loss, gradients scaled by B (the loss is a row mean)}. */
    static double[][] autograd(LossSpec spec, float[] s, float[] excluded) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray sims = manager.create(s, new Shape(B, N));
            sims.setRequiresGradient(true);
            NDArray mask = excluded == null ? null : manager.create(excluded, new Shape(B, N));
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = ContrastiveLoss.loss(spec, sims, mask);
                gc.backward(l);
                loss = l.getFloat();
            }
            float[] g = sims.getGradient().toFloatArray();
            double[] scaled = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                scaled[i] = g[i] * B;
            }
            return new double[][] {{loss}, scaled};
        }
    }

    static float[] randomSimilarities(long seed) {
        Random rng = new Random(seed);
        float[] s = new float[B * N];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextFloat() * 2 - 1;
        }
        return s;
    }

    /** The negatives an anchor keeps: all others, or its k most similar. */
    static boolean[] kept(float[] s, int row, int k, float[] excluded) {
        Integer[] negatives = IntStream.range(0, N)
                .filter(j -> j != row && (excluded == null || excluded[row * N + j] == 0))
                .boxed()
                .toArray(Integer[]::new);
        Arrays.sort(negatives, Comparator.comparingDouble(j -> -s[row * N + j]));
        boolean[] keep = new boolean[N];
        for (int i = 0; i < Math.min(k, negatives.length); i++) {
            keep[negatives[i]] = true;
        }
        return keep;
    }

    /** Checks an InfoNCE-type loss: dL/ds_ij = P_ij/tau on kept, 0 elsewhere; dL/ds_ii = -sum. */
    static void assertInfoNce(LossSpec spec, int k, float[] excluded) {
        float[] s = randomSimilarities(11);
        double[][] result = autograd(spec, s, excluded);
        double expectedLoss = 0;
        for (int i = 0; i < B; i++) {
            boolean[] keep = kept(s, i, k, excluded);
            double z = Math.exp(s[i * N + i] / TAU);
            for (int j = 0; j < N; j++) {
                if (keep[j]) {
                    z += Math.exp(s[i * N + j] / TAU);
                }
            }
            double push = 0;
            for (int j = 0; j < N; j++) {
                double g = result[1][i * N + j];
                if (j == i) {
                    continue;
                }
                double p = keep[j] ? Math.exp(s[i * N + j] / TAU) / z : 0;
                assertThat(g).as("dL/ds_%d%d", i, j).isCloseTo(p / TAU, within(1e-4));
                push += p;
            }
            assertThat(result[1][i * N + i]).as("dL/ds_%d%d", i, i).isCloseTo(-push / TAU, within(1e-4));
            expectedLoss += -Math.log(Math.exp(s[i * N + i] / TAU) / z) / B;
        }
        assertThat(result[0][0]).isCloseTo(expectedLoss, within(1e-4));
    }

    /** Checks a simple-type loss: dL/ds_ii = -1, dL/ds_ij = 1/K on kept, 0 elsewhere. */
    static void assertSimple(LossSpec spec, int k) {
        float[] s = randomSimilarities(12);
        double[][] result = autograd(spec, s, null);
        double expectedLoss = 0;
        for (int i = 0; i < B; i++) {
            boolean[] keep = kept(s, i, k, null);
            double sum = 0;
            for (int j = 0; j < N; j++) {
                if (j == i) {
                    assertThat(result[1][i * N + j]).isCloseTo(-1.0, within(1e-5));
                } else {
                    assertThat(result[1][i * N + j]).isCloseTo(keep[j] ? 1.0 / k : 0.0, within(1e-5));
                    sum += keep[j] ? s[i * N + j] : 0;
                }
            }
            expectedLoss += (-s[i * N + i] + sum / k) / B;
        }
        assertThat(result[0][0]).isCloseTo(expectedLoss, within(1e-5));
    }

    @Test
    void contrastiveLoss() {
        assertInfoNce(LossSpec.contrastive(TAU), N - 1, null);
    }

    @Test
    void hardContrastiveLossByQuantileAndByTopK() {
        // Upper 0.4 quantile of 12 negatives: the 5 nearest.
        assertInfoNce(new LossSpec(LossKind.HARD, TAU, 0.4, 0), 5, null);
        assertInfoNce(new LossSpec(LossKind.HARD, TAU, 0.1, 3), 3, null);
    }

    @Test
    void simpleLoss() {
        assertSimple(new LossSpec(LossKind.SIMPLE, TAU, 0.1, 0), N - 1);
    }

    @Test
    void hardSimpleLoss() {
        assertSimple(new LossSpec(LossKind.HARD_SIMPLE, TAU, 0.1, 4), 4);
    }

    @Test
    void excludedColumnsAreNeitherPushedNorSelected() {
        float[] excluded = new float[B * N];
        excluded[0 * N + 7] = 1; // anchor 0's own sample sits in bank column 7
        excluded[2 * N + 3] = 1;
        assertInfoNce(LossSpec.contrastive(TAU), N, excluded); // every remaining negative
        assertInfoNce(new LossSpec(LossKind.HARD, TAU, 0.1, 3), 3, excluded);
    }

    @Test
    void keptNegativesFollowTheQuantileOrTheTopK() {
        assertThat(new LossSpec(LossKind.HARD, 0.2, 0.1, 0).keptNegatives(4159)).isEqualTo(416);
        assertThat(new LossSpec(LossKind.HARD, 0.2, 0.1, 4095).keptNegatives(4159))
                .isEqualTo(4095);
        assertThat(new LossSpec(LossKind.HARD, 0.2, 0.1, 4095).keptNegatives(100))
                .isEqualTo(100);
        assertThat(LossSpec.contrastive(0.2).keptNegatives(100)).isEqualTo(100);
    }
}
