package io.contrastream.service.evaluation;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.stats.Alignment;
import io.contrastream.service.stats.Similarities;
import io.contrastream.service.stats.Tolerance;
import io.contrastream.service.stats.Uniformity;
import io.contrastream.service.stats.WeightedKnn;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.Statistic;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downstream quality the paper's way, on the clean evaluation set: references and queries
 * embedded by the query encoder in inference mode; weighted kNN accuracy of the queries against
 * the references and linear-probe accuracy (fitted on the references, scored on the queries);
 * uniformity and tolerance of the queries; alignment between the two augmented views of each
 * query that carries them; stability of the query embeddings. Nothing of it is trained on.
 */
public final class CleanSetEvaluation implements Evaluation {

    private static final Logger log = LoggerFactory.getLogger(CleanSetEvaluation.class);

    /**
     * Queries (first by id) that uniformity, tolerance and stability are taken over: each is
     * O(n^2) on the host.
     */
    static final int SPREAD_QUERIES = 2000;
    /** Queries (first by id, of those with views) whose views alignment is taken over. */
    static final int ALIGNMENT_QUERIES = 1000;

    private final CleanSet set;
    private final int knnK;
    private final StabilityTracker stability;
    private boolean emptyLogged;
    private double knnAccuracy = Double.NaN;
    private double linearAccuracy = Double.NaN;
    private double uniformity = Double.NaN;
    private double tolerance = Double.NaN;
    private double alignment = Double.NaN;
    private double seconds = Double.NaN;
    private int queries;
    private int references;

    public CleanSetEvaluation(CleanSet set, int knnK, int dim) {
        this.set = set;
        this.knnK = knnK;
        this.stability = new StabilityTracker(dim);
    }

    /** The clean set is published apart from the stream: nothing of the stream is held out. */
    @Override
    public boolean holdsOut(DecodedPair pair) {
        return false;
    }

    @Override
    public void evaluate(OnlineTrainer trainer) {
        if (!set.loaded()) {
            log.info("the clean evaluation set is still being read; this evaluation is skipped");
            return;
        }
        EvaluationSet s = set.snapshot();
        LabelledImages q = s.queries();
        LabelledImages r = s.references();
        if (q.count() < 2 || r.count() < 2) {
            if (!emptyLogged) {
                emptyLogged = true;
                log.warn(
                        "the clean evaluation set has {} references and {} queries so far: no evaluation until"
                                + " it has two of each (publish one with: contrastream produce --probe)",
                        r.count(),
                        q.count());
            }
            return;
        }
        long start = System.nanoTime();
        int dim = trainer.settings().encoder().embeddingDim();
        float[] queryEmbeddings = Embeddings.embed(trainer, q.pixels(), q.count());
        float[] referenceEmbeddings = Embeddings.embed(trainer, r.pixels(), r.count());
        knnAccuracy = knn(trainer, queryEmbeddings, q, referenceEmbeddings, r, dim);
        try (var scope = trainer.newScope()) {
            linearAccuracy = LinearProbe.accuracy(
                    scope, referenceEmbeddings, r.labels(), r.count(), queryEmbeddings, q.labels(), q.count(), dim);
        }
        int spread = Math.min(SPREAD_QUERIES, q.count());
        uniformity = Uniformity.negLogUniform(queryEmbeddings, spread, dim);
        tolerance = Tolerance.of(queryEmbeddings, q.labels(), spread, dim).value();
        alignment = alignment(trainer, s, dim);
        stability.update(Arrays.copyOf(q.ids(), spread), Arrays.copyOf(queryEmbeddings, spread * dim));
        queries = q.count();
        references = r.count();
        seconds = (System.nanoTime() - start) / 1e9;
        log.info(
                "evaluation on {} queries against {} references: kNN {} linear {} in {} s",
                queries,
                references,
                String.format("%.3f", knnAccuracy),
                String.format("%.3f", linearAccuracy),
                String.format("%.1f", seconds));
    }

    private double knn(
            OnlineTrainer trainer,
            float[] queryEmbeddings,
            LabelledImages q,
            float[] refEmbeddings,
            LabelledImages r,
            int dim) {
        WeightedKnn.Voter voter = new WeightedKnn.Voter(r.labels(), r.count(), knnK);
        int[] correct = {0};
        try (var scope = trainer.newScope()) {
            Embeddings.similarityRows(scope, queryEmbeddings, q.count(), refEmbeddings, r.count(), dim, (row, sims) -> {
                if (voter.predict(sims) == q.labels()[row]) {
                    correct[0]++;
                }
            });
        }
        return (double) correct[0] / q.count();
    }

    /** Mean {@code ||f(v1) - f(v2)||^2} over the first queries that carry two views. */
    private static double alignment(OnlineTrainer trainer, EvaluationSet s, int dim) {
        int n = Math.min(ALIGNMENT_QUERIES, s.views1().count());
        if (n == 0) {
            return Double.NaN;
        }
        int pixels = trainer.settings().encoder().pixelsPerImage();
        float[] a = Embeddings.embed(trainer, Arrays.copyOf(s.views1().pixels(), n * pixels), n);
        float[] b = Embeddings.embed(trainer, Arrays.copyOf(s.views2().pixels(), n * pixels), n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Alignment.ofPositive(Similarities.dot(a, i, b, i, dim));
        }
        return sum / n;
    }

    @Override
    public void markExported(OnlineTrainer trainer) {
        LabelledImages q = set.snapshot().queries();
        int n = Math.min(SPREAD_QUERIES, q.count());
        if (n >= 2) {
            int pixels = trainer.settings().encoder().pixelsPerImage();
            stability.markExported(
                    Arrays.copyOf(q.ids(), n), Embeddings.embed(trainer, Arrays.copyOf(q.pixels(), n * pixels), n));
        }
    }

    @Override
    public void addTo(Map<Statistic, Double> values) {
        values.put(Statistic.PROBE_CLEAN, 1.0);
        values.put(Statistic.KNN_ACCURACY, knnAccuracy);
        values.put(Statistic.LINEAR_PROBE_ACCURACY, linearAccuracy);
        values.put(Statistic.PROBE_UNIFORMITY, uniformity);
        values.put(Statistic.PROBE_TOLERANCE, tolerance);
        values.put(Statistic.PROBE_ALIGNMENT, alignment);
        values.put(Statistic.PROBE_SIZE, (double) queries);
        values.put(Statistic.PROBE_REFERENCES, (double) references);
        values.put(Statistic.EVALUATION_SECONDS, seconds);
        stability.addTo(values);
    }
}
