package io.contrastream.service.session;

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

class ProbeEvaluatorTest {

    static final EncoderSpec SPEC = TestTrainers.SPEC;

    @Test
    void stabilityIsOneForUnchangedWeightsAndFallsAsTheyTrain() {
        ProbeSet probe = new ProbeSet(0.5, 100, SPEC.pixelsPerImage());
        TrainingBatch samples = TestImages.batch(new Random(1), 60, 4, SPEC);
        for (int i = 0; i < 60; i++) {
            float[] view = java.util.Arrays.copyOfRange(
                    samples.view1(), i * SPEC.pixelsPerImage(), (i + 1) * SPEC.pixelsPerImage());
            probe.add(new DecodedPair("p" + i, view, view, samples.labels()[i]));
        }
        ProbeEvaluator evaluator = new ProbeEvaluator(probe, 5);
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

    static Map<Statistic, Double> values(ProbeEvaluator e) {
        Map<Statistic, Double> v = new EnumMap<>(Statistic.class);
        e.addTo(v);
        return v;
    }
}
