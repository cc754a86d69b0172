package io.contrastream.service.session;

import io.contrastream.service.stats.EmbeddingStability;
import io.contrastream.service.stats.Tolerance;
import io.contrastream.service.stats.Uniformity;
import io.contrastream.service.stats.WeightedKnn;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.Statistic;
import java.util.Arrays;
import java.util.Map;

/**
 * Downstream quality on the held-out probe set: embeds it with the current encoder in inference
 * mode and measures leave-one-out kNN accuracy, uniformity and tolerance, the way the paper
 * evaluates a trained model, and how far the embeddings moved since the previous evaluation and
 * since the last export. Remembers the latest evaluation for the reports in between.
 */
final class ProbeEvaluator {

    /** Probe images embedded per forward pass. */
    private static final int CHUNK = 256;

    private final ProbeSet probe;
    private final int knnK;
    private double knnAccuracy = Double.NaN;
    private double uniformity = Double.NaN;
    private double tolerance = Double.NaN;
    private float[] latest;
    private float[] atExport;
    private EmbeddingStability.Result sincePrevious = EmbeddingStability.Result.NONE;
    private EmbeddingStability.Result sinceExport = EmbeddingStability.Result.NONE;

    ProbeEvaluator(ProbeSet probe, int knnK) {
        this.probe = probe;
        this.knnK = knnK;
    }

    void evaluate(OnlineTrainer trainer) {
        int n = probe.size();
        if (n < 2) {
            return;
        }
        float[] embeddings = embed(trainer, n);
        int dim = trainer.settings().encoder().embeddingDim();
        knnAccuracy = WeightedKnn.leaveOneOutAccuracy(embeddings, probe.labels(), n, dim, knnK);
        uniformity = Uniformity.negLogUniform(embeddings, n, dim);
        tolerance = Tolerance.of(embeddings, probe.labels(), n, dim).value();
        sincePrevious = stability(latest, embeddings, dim);
        sinceExport = stability(atExport, embeddings, dim);
        latest = embeddings;
    }

    /** The probe set as the just-exported model embeds it, the reference for later evaluations. */
    void markExported(OnlineTrainer trainer) {
        atExport = probe.size() < 2 ? null : embed(trainer, probe.size());
    }

    private float[] embed(OnlineTrainer trainer, int n) {
        int pixels = trainer.settings().encoder().pixelsPerImage();
        int dim = trainer.settings().encoder().embeddingDim();
        float[] embeddings = new float[n * dim];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            float[] chunk = Arrays.copyOfRange(probe.images(), start * pixels, (start + count) * pixels);
            System.arraycopy(trainer.embed(chunk, count), 0, embeddings, start * dim, count * dim);
        }
        return embeddings;
    }

    /** Compares on the samples both versions embedded (the probe set only grows). */
    private static EmbeddingStability.Result stability(float[] before, float[] now, int dim) {
        if (before == null) {
            return EmbeddingStability.Result.NONE;
        }
        int n = Math.min(before.length, now.length) / dim;
        return EmbeddingStability.compare(before, now, n, dim);
    }

    /** Adds the latest evaluation (NaN before the first) and the probe's size. */
    void addTo(Map<Statistic, Double> values) {
        values.put(Statistic.KNN_ACCURACY, knnAccuracy);
        values.put(Statistic.PROBE_UNIFORMITY, uniformity);
        values.put(Statistic.PROBE_TOLERANCE, tolerance);
        values.put(Statistic.PROBE_SIZE, (double) probe.size());
        values.put(Statistic.STABILITY_COSINE_PREVIOUS, sincePrevious.meanCosine());
        values.put(Statistic.STABILITY_KNN_PREVIOUS, sincePrevious.knnOverlap());
        values.put(Statistic.STABILITY_COSINE_EXPORT, sinceExport.meanCosine());
        values.put(Statistic.STABILITY_KNN_EXPORT, sinceExport.knnOverlap());
    }
}
