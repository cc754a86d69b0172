package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fresh trainers on two intra-op threads take finite steps, every one. On an AMD EPYC with
 * AVX-512, libtorch 2.7.1's oneDNN kernels gave NaN gradients to the first convolution in 5 to 37
 * of these 120 steps until {@link io.contrastream.encoder.OneDnn} capped them at AVX; on other
 * CPUs the test passes either way.
 */
class ManyThreadsStepTest {

    @Test
    void everyStepOfFortyFreshTrainersOnTwoThreadsIsFinite() {
        int before = TorchRuntime.intraOpThreads();
        TorchRuntime.useThreads(2);
        List<String> nonFinite = new ArrayList<>();
        try {
            for (int t = 0; t < 40; t++) {
                try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 3e-3))) {
                    Random rng = new Random(t);
                    for (int i = 0; i < 3; i++) {
                        double loss = trainer.step(TestImages.batch(rng, 16, 4, TestTrainers.SPEC))
                                .loss();
                        if (!Double.isFinite(loss)) {
                            nonFinite.add("trainer " + t + " step " + (i + 1) + ": " + loss);
                        }
                    }
                }
            }
        } finally {
            TorchRuntime.useThreads(before);
        }
        assertThat(nonFinite)
                .as("steps skipped for a non-finite loss or gradient")
                .isEmpty();
    }
}
