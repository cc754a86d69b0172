package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loss's autograd gradient against the paper's closed forms. */
class InfoNceGradientTest {

    @Test
    void gradientMatchesThePapersFormulas() {
        int b = 4;
        int n = 9; // 4 in-batch keys + 5 bank keys
        double tau = 0.2;
        Random rng = new Random(11);
        float[] s = new float[b * n];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextFloat() * 2 - 1;
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray sims = manager.create(s, new Shape(b, n));
            sims.setRequiresGradient(true);
            double lossValue;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = InfoNce.loss(sims, tau);
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            float[] grad = sims.getGradient().toFloatArray();
            double expectedLoss = 0;
            for (int i = 0; i < b; i++) {
                double[] p = softmaxRow(s, i, n, tau);
                expectedLoss += -Math.log(p[i]) / b;
                double pushSum = 0;
                for (int j = 0; j < n; j++) {
                    double g = grad[i * n + j] * b; // the loss is a mean over b anchors
                    if (j != i) {
                        // dL/ds_ij = P_ij / tau
                        assertThat(g).isCloseTo(p[j] / tau, within(1e-4));
                        pushSum += p[j];
                    }
                }
                // dL/ds_ii = -(1/tau) sum_{k != i} P_ik
                assertThat((double) grad[i * n + i] * b).isCloseTo(-pushSum / tau, within(1e-4));
            }
            assertThat(lossValue).isCloseTo(expectedLoss, within(1e-4));
        }
    }

    private static double[] softmaxRow(float[] s, int row, int n, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, s[row * n + j] / tau);
        }
        double z = 0;
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            p[j] = Math.exp(s[row * n + j] / tau - max);
            z += p[j];
        }
        for (int j = 0; j < n; j++) {
            p[j] /= z;
        }
        return p;
    }
}
