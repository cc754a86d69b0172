package io.contrastream.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.training.BankKind;
import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.OptimizerKind;
import io.contrastream.service.training.Precision;
import io.contrastream.service.training.StatisticsSettings;
import io.contrastream.service.training.TorchRuntime;
import io.contrastream.service.training.TrainerSettings;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.testing.ExternalTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyTorch reference runs the Java step: same weights and batches give the same losses. */
class PytorchReferenceTest {

    static final int STEPS = 12;
    static final int BATCH = 16;

    @Test
    void theReferenceReproducesTheJavaStepsLossesFromTheSameWeightsAndBatches(@TempDir Path dir) throws Exception {
        ExternalTools.requirePythonModule("python3", "torch", "torch");
        TrainerSettings settings = new TrainerSettings(
                new EncoderSpec(1, 16, 4, 32),
                LossSpec.contrastive(0.2),
                BankKind.QUEUE,
                40, // fills within three steps, then wraps: the FIFO's order matters
                0,
                0.5,
                0.9,
                OptimizerKind.ADAM,
                2e-3,
                1e-4,
                new StatisticsSettings(4, 10, 64),
                "cpu",
                5,
                0,
                Precision.FP32);
        List<TrainingBatch> batches = randomBatches(settings.encoder());
        double[] javaLosses = new double[STEPS];
        Path input = dir.resolve("reference.bin");
        try (OnlineTrainer trainer = OnlineTrainer.create(settings)) {
            var weights = trainer.encoderWeights();
            for (int i = 0; i < STEPS; i++) {
                javaLosses[i] = trainer.step(batches.get(i)).loss();
            }
            ReferenceInput.write(
                    input,
                    settings,
                    3,
                    TorchRuntime.intraOpThreads(),
                    1,
                    trainer.device().toString(),
                    weights,
                    batches);
        }
        Optional<PytorchReference> reference = PytorchReference.find("python3", new StringBuilder());
        assertThat(reference).isPresent();
        PytorchReference.Run run = reference.get().run(input, false);

        assertThat(run.losses()).hasSize(STEPS);
        for (int i = 0; i < 3; i++) {
            assertThat(run.losses()[i])
                    .as("step %d", i + 1)
                    .isCloseTo(javaLosses[i], within(ReferenceResult.AGREEMENT));
        }
        for (int i = 3; i < STEPS; i++) {
            // The same Adam as torch.optim's (FlatOptimizer): only rounding differs, 7e-7 at most
            // over these 12 steps (DJL's Adam, epsilon elsewhere, was 6e-5 off by step 12).
            assertThat(run.losses()[i]).as("step %d", i + 1).isCloseTo(javaLosses[i], within(1e-5));
        }
        assertThat(run.pairsPerSecond()).isPositive();
        assertThat(run.threads()).isEqualTo(TorchRuntime.intraOpThreads());
    }

    private static List<TrainingBatch> randomBatches(EncoderSpec spec) {
        Random random = new Random(9);
        List<TrainingBatch> out = new ArrayList<>();
        for (int b = 0; b < STEPS; b++) {
            String[] ids = new String[BATCH];
            int[] labels = new int[BATCH];
            float[] v1 = new float[BATCH * spec.pixelsPerImage()];
            float[] v2 = new float[v1.length];
            for (int i = 0; i < BATCH; i++) {
                ids[i] = b + "-" + i;
                labels[i] = random.nextInt(10);
            }
            for (int i = 0; i < v1.length; i++) {
                v1[i] = random.nextFloat();
                // The second view: the first with noise, so there is something to learn.
                v2[i] = Math.min(1f, Math.max(0f, v1[i] + 0.1f * (float) random.nextGaussian()));
            }
            out.add(new TrainingBatch(ids, v1, v2, labels));
        }
        return out;
    }
}
