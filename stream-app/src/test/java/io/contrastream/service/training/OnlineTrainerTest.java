package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.encoder.EncoderSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineTrainerTest {

    static TrainerSettings small(int queue) {
        return TestTrainers.small(queue, 3e-3);
    }

    /**
     * DJL's prebuilt binding aborts the process when asked for a bfloat16 tensor; bf16 on it must
     * be a clear error at start instead (with the binding gpu/binding.sh builds, it trains: TorchBindingIT).
     */
    @Test
    void bf16OnThePrebuiltBindingIsAClearErrorNotAnAbort() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("PYTORCH_LIBRARY_PATH") == null, "another libtorch binding is loaded");
        TrainerSettings s = small(64);
        TrainerSettings bf16 = s.withPrecision(Precision.BF16);
        assertThatThrownBy(() -> OnlineTrainer.create(bf16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONTRASTREAM_TORCH=python3");
        // And the process is fine: a float32 trainer still trains.
        try (OnlineTrainer trainer = OnlineTrainer.create(s)) {
            assertThat(trainer.step(TestImages.batch(new java.util.Random(1), 16, 4, s.encoder()))
                            .loss())
                    .isFinite();
        }
    }

    /** Building runs serially (see OnlineTrainer#built); training gets its threads back. */
    @Test
    void buildingLeavesTheIntraOpThreadsAsTheyWere() {
        int before = TorchRuntime.intraOpThreads();
        TorchRuntime.useThreads(3); // not 1, not this machine's default: a count that must come back
        try (OnlineTrainer trainer = OnlineTrainer.create(small(64))) {
            assertThat(TorchRuntime.intraOpThreads()).isEqualTo(3);
        } finally {
            TorchRuntime.useThreads(before);
        }
    }

    /**
     * A step that throws, or meets a non-finite loss, leaves no trace anywhere (weights, optimiser
     * moments, batch-norm statistics, the bank and its device copy): the next steps' losses equal
     * those of a twin trainer that never saw the failed batches.
     */
    @Test
    void aFailedStepLeavesNoTraceTheNextStepsMatchATwinThatNeverSawIt() {
        EncoderSpec spec = TestTrainers.SPEC;
        Random data = new Random(8);
        TrainingBatch[] good = new TrainingBatch[6];
        for (int i = 0; i < good.length; i++) {
            good[i] = TestImages.batch(data, 8, 4, spec);
        }
        TrainingBatch throwing = TestImages.batch(data, 8, 4, spec);
        TrainingBatch poisoned = TestImages.batch(data, 8, 4, spec);
        java.util.Arrays.fill(poisoned.view1(), Float.NaN);
        try (OnlineTrainer failing = OnlineTrainer.create(small(20));
                OnlineTrainer twin = OnlineTrainer.create(small(20))) {
            for (int i = 0; i < good.length; i++) {
                if (i == 2) { // the queue of 20 has wrapped by now: the device copy is in play
                    System.setProperty(FaultInjection.KEY_PROPERTY, throwing.ids()[1]);
                    try {
                        assertThatThrownBy(() -> failing.step(throwing)).hasMessageContaining("injected fault");
                    } finally {
                        System.clearProperty(FaultInjection.KEY_PROPERTY);
                    }
                    assertThat(failing.step(poisoned).loss()).isNaN();
                }
                double loss = failing.step(good[i]).loss();
                assertThat(loss).as("step %d", i).isEqualTo(twin.step(good[i]).loss(), within(1e-6));
            }
        }
    }

    @Test
    void lossFallsWellBelowChanceAndTheBankFills() {
        Random rng = new Random(1);
        try (OnlineTrainer trainer = OnlineTrainer.create(small(100))) {
            double last = 0;
            int steps = 40;
            for (int i = 0; i < steps; i++) {
                StepResult r = trainer.step(
                        TestImages.batch(rng, 16, 4, trainer.settings().encoder()));
                assertThat(r.loss()).isFinite();
                if (i >= steps - 5) {
                    last += r.loss() / 5;
                }
                assertThat(r.statistics().anchors()).isEqualTo(4);
                assertThat(r.statistics().negatives()[0]).isEqualTo(16 + Math.min(100, 16 * i) - 1);
            }
            assertThat(trainer.step()).isEqualTo(steps);
            assertThat(trainer.bank().size()).isEqualTo(100);
            // While the bank fills, the loss rises with log(negatives); chance is log(16 + 100).
            double chance = Math.log(116);
            assertThat(last).as("mean loss of the last 5 steps").isLessThan(chance - 0.6);
        }
    }

    @Test
    void embeddingsAreUnitVectorsAndPositivesMatchTheirDotProducts() {
        Random rng = new Random(2);
        try (OnlineTrainer trainer = OnlineTrainer.create(small(0))) {
            StepResult r =
                    trainer.step(TestImages.batch(rng, 8, 4, trainer.settings().encoder()));
            int dim = 32;
            for (int i = 0; i < 8; i++) {
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    norm += r.queries()[i * dim + d] * r.queries()[i * dim + d];
                }
                assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void aNonFiniteLossLeavesWeightsAndBankUntouched() {
        Random rng = new Random(4);
        try (OnlineTrainer trainer = OnlineTrainer.create(small(40))) {
            EncoderSpec spec = trainer.settings().encoder();
            trainer.step(TestImages.batch(rng, 8, 4, spec));
            TrainingBatch probe = TestImages.batch(new Random(9), 2, 4, spec);
            float[] before = trainer.embed(probe.view1(), 2);
            TrainingBatch poisoned = TestImages.batch(rng, 8, 4, spec);
            java.util.Arrays.fill(poisoned.view1(), Float.NaN);
            StepResult r = trainer.step(poisoned);
            assertThat(r.loss()).isNaN();
            assertThat(trainer.bank().size()).isEqualTo(8);
            assertThat(trainer.embed(probe.view1(), 2))
                    .containsExactly(before, org.assertj.core.data.Offset.offset(1e-6f));
            StepResult next = trainer.step(TestImages.batch(rng, 8, 4, spec));
            assertThat(next.loss()).isFinite();
            assertThat(trainer.embed(probe.view1(), 2)).doesNotContain(Float.NaN);
        }
    }

    @Test
    void restoredTrainerEmbedsIdenticallyAndContinuesItsStepCount() throws Exception {
        Random rng = new Random(3);
        TrainerSettings settings = small(50);
        byte[] saved;
        float[] before;
        TrainingBatch probe = TestImages.batch(new Random(9), 4, 4, settings.encoder());
        try (OnlineTrainer trainer = OnlineTrainer.create(settings)) {
            for (int i = 0; i < 5; i++) {
                trainer.step(TestImages.batch(rng, 16, 4, settings.encoder()));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trainer.writeState(new DataOutputStream(bytes));
            saved = bytes.toByteArray();
            before = trainer.embed(probe.view1(), 4);
        }
        try (OnlineTrainer restored =
                OnlineTrainer.restore(settings, new DataInputStream(new ByteArrayInputStream(saved)))) {
            assertThat(restored.step()).isEqualTo(5);
            assertThat(restored.bank().size()).isEqualTo(50);
            assertThat(restored.embed(probe.view1(), 4))
                    .containsExactly(before, org.assertj.core.data.Offset.offset(1e-5f));
            StepResult next = restored.step(TestImages.batch(rng, 16, 4, settings.encoder()));
            assertThat(next.step()).isEqualTo(6);
            assertThat(next.loss()).isFinite();
        }
    }

    @Test
    void theStatisticsAreToldWhichColumnsTheLossMasksForEachAnchor() {
        TrainingBatch b = TestImages.batch(new Random(3), 8, 4, new EncoderSpec(1, 16, 8, 32));
        String[] ids = b.ids().clone();
        ids[3] = ids[0]; // the same sample twice in one batch
        try (OnlineTrainer trainer = OnlineTrainer.create(small(0))) {
            StepResult r = trainer.step(new TrainingBatch(ids, b.view1(), b.view2(), b.labels()));
            // Eight in-batch columns: the positive and the duplicate are no negatives of anchors 0 and 3.
            assertThat(r.statistics().negatives()).containsExactly(6, 7, 7, 6);
            assertThat(r.statistics().negativeHistogram())
                    .matches(h -> java.util.Arrays.stream(h).sum() == 26);
        }
    }

    /** Before any backward pass there are no gradients to discard: the fault itself surfaces. */
    @Test
    void aFirstStepThatThrowsReportsItsOwnFault() {
        Random rng = new Random(6);
        EncoderSpec spec = new EncoderSpec(1, 16, 8, 32);
        try (OnlineTrainer trainer = OnlineTrainer.create(small(64))) {
            TrainingBatch poisoned = TestImages.batch(rng, 8, 4, spec);
            System.setProperty(FaultInjection.KEY_PROPERTY, poisoned.ids()[2]);
            try {
                assertThatThrownBy(() -> trainer.step(poisoned)).hasMessageContaining("injected fault");
            } finally {
                System.clearProperty(FaultInjection.KEY_PROPERTY);
            }
            assertThat(trainer.step()).isZero();
            assertThat(trainer.step(TestImages.batch(rng, 8, 4, spec)).loss()).isFinite();
        }
    }

    @Test
    void aStepThatThrowsLeavesTheTrainerAsItWasAndReadyForTheNext() {
        Random rng = new Random(4);
        EncoderSpec spec = new EncoderSpec(1, 16, 8, 32);
        try (OnlineTrainer trainer = OnlineTrainer.create(small(64))) {
            for (int round = 0; round < 5; round++) {
                trainer.step(TestImages.batch(rng, 8, 4, spec));
                TrainingBatch poisoned = TestImages.batch(rng, 8, 4, spec);
                System.setProperty(FaultInjection.KEY_PROPERTY, poisoned.ids()[5]);
                long before = trainer.step();
                int bankBefore = trainer.bank().size();
                try {
                    assertThatThrownBy(() -> trainer.step(poisoned)).hasMessageContaining("injected fault");
                } finally {
                    System.clearProperty(FaultInjection.KEY_PROPERTY);
                }
                assertThat(trainer.step()).isEqualTo(before);
                assertThat(trainer.bank().size()).isEqualTo(bankBefore);
                StepResult next = trainer.step(TestImages.batch(rng, 8, 4, spec));
                assertThat(next.loss()).isFinite();
            }
        }
    }
}
