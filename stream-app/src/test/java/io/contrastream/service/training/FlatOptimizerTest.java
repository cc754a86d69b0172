package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both optimisers against PyTorch's update rules, computed here in double precision. */
class FlatOptimizerTest {

    /** PyTorch's Adam, step by step, on a quadratic: w <- w - lr m_hat / (sqrt(v_hat) + eps). */
    @Test
    void adamIsPyTorchsAdam() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random rng = new Random(3);
            float[] w0 = new float[50];
            for (int k = 0; k < w0.length; k++) {
                w0[k] = (float) rng.nextGaussian();
            }
            NDArray w = manager.create(w0);
            FlatOptimizer adam = new FlatOptimizer.Adam(manager, new Shape(50), 0.01f, 0.1f);
            double[] expected = new double[50];
            double[] m = new double[50];
            double[] v = new double[50];
            for (int k = 0; k < 50; k++) {
                expected[k] = w0[k];
            }
            for (int t = 1; t <= 5; t++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray gradient = w.mul(3f); // d/dw of 1.5 w^2
                    gradient.attach(step);
                    adam.step(step, w, gradient);
                }
                for (int k = 0; k < 50; k++) {
                    double g = 3 * expected[k] + 0.1 * expected[k];
                    m[k] = 0.9 * m[k] + 0.1 * g;
                    v[k] = 0.999 * v[k] + 0.001 * g * g;
                    double mHat = m[k] / (1 - Math.pow(0.9, t));
                    double vHat = v[k] / (1 - Math.pow(0.999, t));
                    expected[k] -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            float[] got = w.toFloatArray();
            for (int k = 0; k < 50; k++) {
                assertThat((double) got[k]).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    /** PyTorch's SGD with momentum: buf <- mu buf + (g + wd w); w <- w - lr buf. */
    @Test
    void sgdIsPyTorchsSgdWithMomentum() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random rng = new Random(4);
            float[] w0 = new float[30];
            double[] expected = new double[30];
            double[] buffer = new double[30];
            for (int k = 0; k < w0.length; k++) {
                w0[k] = (float) rng.nextGaussian();
                expected[k] = w0[k];
            }
            NDArray w = manager.create(w0);
            FlatOptimizer sgd = new FlatOptimizer.MomentumSgd(manager, new Shape(30), 0.05f, 0.9f, 0.01f);
            for (int t = 1; t <= 5; t++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray gradient = w.mul(2f); // d/dw of w^2
                    gradient.attach(step);
                    sgd.step(step, w, gradient);
                }
                for (int k = 0; k < 30; k++) {
                    buffer[k] = 0.9 * buffer[k] + 2 * expected[k] + 0.01 * expected[k];
                    expected[k] -= 0.05 * buffer[k];
                }
            }
            float[] got = w.toFloatArray();
            for (int k = 0; k < 30; k++) {
                assertThat((double) got[k]).isCloseTo(expected[k], within(1e-5));
            }
        }
    }
}
