package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedKnnTest {

    /** n points per class around class-specific directions on a 16-d sphere. */
    static float[] clusters(int classes, int perClass, double noise, int[] labels, Random rng) {
        int d = 16;
        float[] e = new float[classes * perClass * d];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                labels[row] = c;
                double norm = 0;
                for (int k = 0; k < d; k++) {
                    double v = (k == c ? 1.0 : 0.0) + noise * rng.nextGaussian();
                    e[row * d + k] = (float) v;
                    norm += v * v;
                }
                for (int k = 0; k < d; k++) {
                    e[row * d + k] /= (float) Math.sqrt(norm);
                }
            }
        }
        return e;
    }

    @Test
    void separatedClassesAreRecognisedPerfectly() {
        int[] labels = new int[4 * 30];
        float[] e = clusters(4, 30, 0.05, labels, new Random(1));
        assertThat(WeightedKnn.leaveOneOutAccuracy(e, labels, labels.length, 16, 20))
                .isEqualTo(1.0);
    }

    @Test
    void labelsUnrelatedToTheEmbeddingGiveChance() {
        Random rng = new Random(2);
        int[] labels = new int[10 * 60];
        float[] e = clusters(10, 60, 5.0, labels, rng); // noise swamps the class direction
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        assertThat(WeightedKnn.leaveOneOutAccuracy(e, labels, labels.length, 16, 20))
                .isBetween(0.03, 0.2);
    }

    @Test
    void theNearestNeighboursOutvoteTheFarOnes() {
        // Sample 0 at (1,0): its neighbours (0.99, 0.14) labelled 1 and (0,1), (0,-1) labelled 2.
        // k = 3: exp(0.99/0.07) outweighs two exp(0/0.07): sample 0 (label 1) is right.
        float[] e = {1, 0, 0.99f, 0.141f, 0, 1, 0, -1};
        int[] labels = {1, 1, 2, 2};
        // Samples 2 and 3 are each other's antipode; their nearest is sample 1 (label 1): wrong.
        assertThat(WeightedKnn.leaveOneOutAccuracy(e, labels, 4, 2, 3)).isEqualTo(0.5);
        assertThat(WeightedKnn.leaveOneOutAccuracy(e, labels, 1, 2, 3)).isNaN();
    }
}
