package io.contrastream.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.TestImages;
import io.contrastream.service.training.TestTrainers;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.Statistic;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeldOutEvaluationTest {

    static final EncoderSpec SPEC = TestTrainers.SPEC;

    @Test
    void stabilityIsOneForUnchangedWeightsAndFallsAsTheyTrain() {
        // Everything is held out (fraction just below 1): the first 60 pairs all land in the probe.
        HeldOutEvaluation evaluator =
                new HeldOutEvaluation(0.999999, 100, 5, SPEC.pixelsPerImage(), SPEC.embeddingDim());
        TrainingBatch samples = TestImages.batch(new Random(1), 60, 4, SPEC);
        int held = 0;
        for (int i = 0; i < 60; i++) {
            float[] view = java.util.Arrays.copyOfRange(
                    samples.view1(), i * SPEC.pixelsPerImage(), (i + 1) * SPEC.pixelsPerImage());
            held += evaluator.holdsOut(new DecodedPair("p" + i, view, view, samples.labels()[i])) ? 1 : 0;
        }
        assertThat(held).isGreaterThan(55);
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 1e-2))) {
            evaluator.evaluate(trainer);
            evaluator.markExported(trainer);
            assertThat(values(evaluator).get(Statistic.STABILITY_COSINE_PREVIOUS))
                    .as("no previous evaluation yet")
                    .isNaN();

            evaluator.evaluate(trainer);
            Map<Statistic, Double> unchanged = values(evaluator);
            assertThat(unchanged.get(Statistic.STABILITY_COSINE_PREVIOUS)).isCloseTo(1.0, within(1e-6));
            assertThat(unchanged.get(Statistic.STABILITY_KNN_PREVIOUS)).isEqualTo(1.0);
            assertThat(unchanged.get(Statistic.STABILITY_COSINE_EXPORT)).isCloseTo(1.0, within(1e-6));
            assertThat(unchanged.get(Statistic.KNN_ACCURACY)).isBetween(0.0, 1.0);
            assertThat(unchanged.get(Statistic.PROBE_CLEAN))
                    .as("augmented views, said so")
                    .isZero();
            assertThat(unchanged.get(Statistic.LINEAR_PROBE_ACCURACY)).isNaN();
            assertThat(unchanged.get(Statistic.EVALUATION_SECONDS)).isPositive();

            Random rng = new Random(2);
            for (int i = 0; i < 20; i++) {
                trainer.step(TestImages.batch(rng, 16, 4, SPEC));
            }
            evaluator.evaluate(trainer);
            Map<Statistic, Double> moved = values(evaluator);
            assertThat(moved.get(Statistic.STABILITY_COSINE_PREVIOUS)).isLessThan(0.99);
            assertThat(moved.get(Statistic.STABILITY_KNN_PREVIOUS)).isLessThan(1.0);
            assertThat(moved.get(Statistic.STABILITY_COSINE_EXPORT))
                    .isEqualTo(moved.get(Statistic.STABILITY_COSINE_PREVIOUS));
        }
    }

    static Map<Statistic, Double> values(Evaluation e) {
        Map<Statistic, Double> v = new EnumMap<>(Statistic.class);
        e.addTo(v);
        return v;
    }
}
