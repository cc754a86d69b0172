package io.contrastream.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    static final int DIM = 16;

    /** n unit vectors around one of {@code classes} random centres, with the given spread. */
    static float[] blobs(Random rng, float[][] centres, int[] labels, double spread) {
        float[] out = new float[labels.length * DIM];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(centres.length);
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                float v = (float) (centres[labels[i]][d] + spread * rng.nextGaussian());
                out[i * DIM + d] = v;
                norm += v * v;
            }
            for (int d = 0; d < DIM; d++) {
                out[i * DIM + d] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    static float[][] centres(Random rng, int classes) {
        float[][] c = new float[classes][DIM];
        for (float[] row : c) {
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) rng.nextGaussian();
            }
        }
        return c;
    }

    @Test
    void separatesWellSeparatedClassesAndGuessesOnRandomLabels() {
        Random rng = new Random(3);
        float[][] centres = centres(rng, 5);
        int[] trainLabels = new int[1000];
        int[] testLabels = new int[500];
        float[] train = blobs(rng, centres, trainLabels, 0.3);
        float[] test = blobs(rng, centres, testLabels, 0.3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            double separated = LinearProbe.accuracy(manager, train, trainLabels, 1000, test, testLabels, 500, DIM);
            assertThat(separated).isGreaterThan(0.97);

            int[] shuffled = new int[1000];
            for (int i = 0; i < shuffled.length; i++) {
                shuffled[i] = rng.nextInt(5);
            }
            double random = LinearProbe.accuracy(manager, train, shuffled, 1000, test, testLabels, 500, DIM);
            assertThat(random).as("labels carry no information: chance is 0.2").isBetween(0.1, 0.32);
        }
    }

    @Test
    void aQueryClassTheReferencesLackIsAlwaysWrongAndOneClassIsNoProbe() {
        Random rng = new Random(4);
        float[][] centres = centres(rng, 2);
        int[] trainLabels = new int[200];
        float[] train = blobs(rng, centres, trainLabels, 0.1);
        int[] testLabels = new int[100];
        float[] test = blobs(rng, centres, testLabels, 0.1);
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] += 7; // classes 7 and 8: never seen
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThat(LinearProbe.accuracy(manager, train, trainLabels, 200, test, testLabels, 100, DIM))
                    .isZero();
            assertThat(LinearProbe.accuracy(manager, train, new int[200], 200, test, testLabels, 100, DIM))
                    .isNaN();
        }
    }
}
