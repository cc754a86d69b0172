package io.contrastream.service.evaluation;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.stats.Tolerance;
import io.contrastream.service.stats.Uniformity;
import io.contrastream.service.stats.WeightedKnn;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.Statistic;
import java.util.Map;

/**
 * Downstream quality without a clean evaluation set: the held-out slice of the stream (one
 * augmented view per sample) embedded in inference mode, scored by leave-one-out kNN accuracy,
 * uniformity and tolerance, and the stability of its embeddings. Reported with
 * {@code probe_clean = 0}: these describe augmented views, not images, and are noisier than the
 * clean set's figures.
 */
public final class HeldOutEvaluation implements Evaluation {

    private final HeldOutSet probe;
    private final int knnK;
    private final StabilityTracker stability;
    private double knnAccuracy = Double.NaN;
    private double uniformity = Double.NaN;
    private double tolerance = Double.NaN;
    private double seconds = Double.NaN;

    /**
     * @param fraction share of labelled ids held out of training
     * @param capacity most held-out samples kept
     */
    public HeldOutEvaluation(double fraction, int capacity, int knnK, int pixelsPerImage, int dim) {
        this.probe = new HeldOutSet(fraction, capacity, pixelsPerImage);
        this.knnK = knnK;
        this.stability = new StabilityTracker(dim);
    }

    @Override
    public boolean holdsOut(DecodedPair pair) {
        if (!probe.holdsOut(pair)) {
            return false;
        }
        probe.add(pair);
        return true;
    }

    @Override
    public void evaluate(OnlineTrainer trainer) {
        int n = probe.size();
        if (n < 2) {
            return;
        }
        long start = System.nanoTime();
        float[] embeddings = Embeddings.embed(trainer, probe.images(), n);
        int dim = trainer.settings().encoder().embeddingDim();
        knnAccuracy = WeightedKnn.leaveOneOutAccuracy(embeddings, probe.labels(), n, dim, knnK);
        uniformity = Uniformity.negLogUniform(embeddings, n, dim);
        tolerance = Tolerance.of(embeddings, probe.labels(), n, dim).value();
        stability.update(probe.ids(), embeddings);
        seconds = (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void markExported(OnlineTrainer trainer) {
        if (probe.size() >= 2) {
            stability.markExported(probe.ids(), Embeddings.embed(trainer, probe.images(), probe.size()));
        }
    }

    @Override
    public void addTo(Map<Statistic, Double> values) {
        values.put(Statistic.PROBE_CLEAN, 0.0);
        values.put(Statistic.KNN_ACCURACY, knnAccuracy);
        values.put(Statistic.LINEAR_PROBE_ACCURACY, Double.NaN);
        values.put(Statistic.PROBE_UNIFORMITY, uniformity);
        values.put(Statistic.PROBE_TOLERANCE, tolerance);
        values.put(Statistic.PROBE_ALIGNMENT, Double.NaN);
        values.put(Statistic.PROBE_SIZE, (double) probe.size());
        values.put(Statistic.PROBE_REFERENCES, Double.NaN);
        values.put(Statistic.EVALUATION_SECONDS, seconds);
        stability.addTo(values);
    }
}
