package io.contrastream.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.DecodedProbe;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.TestImages;
import io.contrastream.service.training.TestTrainers;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.ProbeRole;
import io.contrastream.wire.Statistic;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CleanSetEvaluationTest {

    static final EncoderSpec SPEC = TestTrainers.SPEC;

    static float[] image(TrainingBatch b, int i) {
        int p = SPEC.pixelsPerImage();
        return Arrays.copyOfRange(b.view1(), i * p, (i + 1) * p);
    }

    static Map<Statistic, Double> values(Evaluation e) {
        Map<Statistic, Double> v = new EnumMap<>(Statistic.class);
        e.addTo(v);
        return v;
    }

    @Test
    void queriesThatAreCopiesOfReferencesAreAllFoundAndIdenticalViewsAreAligned() {
        TrainingBatch samples = TestImages.batch(new Random(1), 40, 4, SPEC);
        CleanSet set = new CleanSet(100, SPEC.pixelsPerImage());
        for (int i = 0; i < 40; i++) {
            float[] img = image(samples, i);
            int label = samples.labels()[i];
            set.put(new DecodedProbe("r" + i, ProbeRole.REFERENCE, label, img, new float[0][]));
            set.put(new DecodedProbe("q" + i, ProbeRole.QUERY, label, img, new float[][] {img, img}));
        }
        // k = 1: an untrained encoder puts all images close together, so only the nearest must win.
        CleanSetEvaluation evaluation = new CleanSetEvaluation(set, 1, SPEC.embeddingDim());
        set.markLoaded();
        assertThat(evaluation.holdsOut(new DecodedPair("x", image(samples, 0), image(samples, 0), 1)))
                .as("the clean set is published apart: nothing of the stream is held out")
                .isFalse();
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 1e-2))) {
            assertThat(values(evaluation).get(Statistic.KNN_ACCURACY))
                    .as("before the first")
                    .isNaN();
            evaluation.evaluate(trainer);
            Map<Statistic, Double> v = values(evaluation);
            // Each query's nearest reference is its own copy (similarity 1).
            assertThat(v.get(Statistic.KNN_ACCURACY)).isEqualTo(1.0);
            assertThat(v.get(Statistic.LINEAR_PROBE_ACCURACY)).isBetween(0.0, 1.0);
            assertThat(v.get(Statistic.PROBE_ALIGNMENT)).isCloseTo(0.0, within(1e-5));
            assertThat(v.get(Statistic.PROBE_UNIFORMITY)).isBetween(0.0, 4.0);
            assertThat(v.get(Statistic.PROBE_TOLERANCE)).isBetween(-1.0, 1.0);
            assertThat(v.get(Statistic.PROBE_CLEAN)).isEqualTo(1.0);
            assertThat(v.get(Statistic.PROBE_SIZE)).isEqualTo(40.0);
            assertThat(v.get(Statistic.PROBE_REFERENCES)).isEqualTo(40.0);
            assertThat(v.get(Statistic.EVALUATION_SECONDS)).isPositive();

            evaluation.evaluate(trainer);
            assertThat(values(evaluation).get(Statistic.STABILITY_COSINE_PREVIOUS))
                    .isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void aTrainedEncoderBeatsChanceOnHeldOutQueries() {
        Random rng = new Random(5);
        TrainingBatch refs = TestImages.batch(rng, 200, 4, SPEC);
        TrainingBatch queries = TestImages.batch(rng, 100, 4, SPEC);
        CleanSet set = new CleanSet(1000, SPEC.pixelsPerImage());
        for (int i = 0; i < 200; i++) {
            set.put(new DecodedProbe("r" + i, ProbeRole.REFERENCE, refs.labels()[i], image(refs, i), new float[0][]));
        }
        for (int i = 0; i < 100; i++) {
            set.put(new DecodedProbe("q" + i, ProbeRole.QUERY, queries.labels()[i], image(queries, i), new float[0][]));
        }
        CleanSetEvaluation evaluation = new CleanSetEvaluation(set, 20, SPEC.embeddingDim());
        set.markLoaded();
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 1e-2))) {
            for (int i = 0; i < 30; i++) {
                trainer.step(TestImages.batch(rng, 16, 4, SPEC));
            }
            evaluation.evaluate(trainer);
            Map<Statistic, Double> v = values(evaluation);
            assertThat(v.get(Statistic.KNN_ACCURACY))
                    .as("4 classes: chance is 0.25")
                    .isGreaterThan(0.5);
            assertThat(v.get(Statistic.LINEAR_PROBE_ACCURACY)).isGreaterThan(0.5);
            assertThat(v.get(Statistic.PROBE_ALIGNMENT))
                    .as("no query carries views")
                    .isNaN();
        }
    }

    @Test
    void aSetStillBeingReadIsNotEvaluated() {
        CleanSet set = new CleanSet(10, SPEC.pixelsPerImage());
        TrainingBatch samples = TestImages.batch(new Random(1), 4, 2, SPEC);
        for (int i = 0; i < 4; i++) {
            ProbeRole role = i < 2 ? ProbeRole.REFERENCE : ProbeRole.QUERY;
            set.put(new DecodedProbe("p" + i, role, samples.labels()[i], image(samples, i), new float[0][]));
        }
        CleanSetEvaluation evaluation = new CleanSetEvaluation(set, 1, SPEC.embeddingDim());
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 1e-2))) {
            evaluation.evaluate(trainer);
            assertThat(values(evaluation).get(Statistic.KNN_ACCURACY)).isNaN();
            set.markLoaded();
            evaluation.evaluate(trainer);
            assertThat(values(evaluation).get(Statistic.KNN_ACCURACY)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void anEmptySetIsNotEvaluated() {
        CleanSet empty = new CleanSet(10, SPEC.pixelsPerImage());
        empty.markLoaded();
        CleanSetEvaluation evaluation = new CleanSetEvaluation(empty, 5, SPEC.embeddingDim());
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 1e-2))) {
            evaluation.evaluate(trainer);
            assertThat(values(evaluation).get(Statistic.KNN_ACCURACY)).isNaN();
            assertThat(values(evaluation).get(Statistic.PROBE_SIZE)).isZero();
        }
    }
}
