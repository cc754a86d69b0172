package io.contrastream.service.stats;

import io.contrastream.service.training.StepResult;
import io.contrastream.service.vectors.VectorQueue;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns step results into the report's statistics. Per step it does bounded work: the batch's
 * queries enter the embedding window, its positive similarities and loss are summed, and the
 * sampled anchors' rows feed the penalty statistics and the negative-similarity histogram. At a
 * report it adds the window statistics (uniformity, tolerance: O(window^2)) and starts a new
 * interval. It times itself, so the report says what share of the thread statistics cost.
 */
public final class StatsCollector {

    private final StatsSettings settings;
    private final LongSupplier nanoClock;
    private final VectorQueue window;
    private final SimilarityHistogram negatives = new SimilarityHistogram(StatsSettings.HISTOGRAM_BINS);
    private final SimilarityHistogram positives = new SimilarityHistogram(StatsSettings.HISTOGRAM_BINS);
    private long lastReportNanos;
    private Interval interval = new Interval();

    public StatsCollector(StatsSettings settings, int embeddingDim, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.window = new VectorQueue(settings.windowSize(), embeddingDim);
        this.lastReportNanos = nanoClock.getAsLong();
    }

    /** Sums of the steps since the last report. */
    private static final class Interval {
        int steps;
        long pairs;
        double loss;
        long stepNanos;
        long statsNanos;
        double positiveSum;
        double alignmentSum;
        int anchors;
        double entropySum;
        double effectiveSum;
        double hardestSum;
        double negativesSum;
        double falseNegativeSum;
        int falseNegativeAnchors;
    }

    public void onStep(StepResult r) {
        long start = nanoClock.getAsLong();
        Interval in = interval;
        in.steps++;
        in.pairs += r.batchSize();
        in.loss += r.loss();
        in.stepNanos += r.stepNanos();
        for (float s : r.positiveSimilarities()) {
            positives.add(s);
            in.positiveSum += s;
            in.alignmentSum += Alignment.ofPositive(s);
        }
        window.enqueue(r.queries(), r.labels(), r.batchSize());
        float[][] rows = r.anchorRows();
        for (int a = 0; a < rows.length; a++) {
            AnchorPenalty p = AnchorPenalty.of(
                    rows[a],
                    a,
                    r.anchorExcluded()[a],
                    r.columnLabels(),
                    r.labels()[a],
                    settings.loss(),
                    settings.falseNegativeTopK());
            in.anchors++;
            in.entropySum += p.entropy();
            in.effectiveSum += p.effectiveRatio();
            in.hardestSum += p.hardestShare();
            in.negativesSum += p.negatives();
            if (!Double.isNaN(p.falseNegativeShare())) {
                in.falseNegativeSum += p.falseNegativeShare();
                in.falseNegativeAnchors++;
            }
            for (int c = 0; c < rows[a].length; c++) {
                if (c != a && !AnchorPenalty.isExcluded(c, r.anchorExcluded()[a])) {
                    negatives.add(rows[a][c]);
                }
            }
        }
        in.statsNanos += nanoClock.getAsLong() - start;
    }

    /** The statistics of the interval since the last report; starts the next interval. */
    public StatsReport report(double bankFill) {
        long start = nanoClock.getAsLong();
        Interval in = interval;
        Map<Statistic, Double> out = new EnumMap<>(Statistic.class);
        int n = window.size();
        float[] embeddings = window.vectors();
        out.put(Statistic.UNIFORMITY, Uniformity.negLogUniform(embeddings, n, window.dim()));
        Tolerance.Result tolerance = Tolerance.of(embeddings, window.labels(), n, window.dim());
        out.put(Statistic.TOLERANCE, tolerance.value());
        out.put(Statistic.TOLERANCE_PAIRS, (double) tolerance.pairs());
        out.put(Statistic.LOSS, ratio(in.loss, in.steps));
        out.put(Statistic.POSITIVE_SIMILARITY_MEAN, ratio(in.positiveSum, in.pairs));
        out.put(Statistic.ALIGNMENT, ratio(in.alignmentSum, in.pairs));
        out.put(Statistic.NEGATIVE_SIMILARITY_MEAN, negatives.mean());
        out.put(Statistic.NEGATIVE_SIMILARITY_P50, negatives.quantile(0.50));
        out.put(Statistic.NEGATIVE_SIMILARITY_P90, negatives.quantile(0.90));
        out.put(Statistic.NEGATIVE_SIMILARITY_P99, negatives.quantile(0.99));
        out.put(Statistic.NEGATIVE_SIMILARITY_MAX, negatives.max());
        // Under the simple losses every kept negative weighs the same by construction: the penalty
        // statistics would be constants (log n, 1, 1%), not measurements, so they are not reported.
        boolean measured = settings.loss().kind().weighsByTemperature();
        out.put(Statistic.PENALTY_ENTROPY, measured ? ratio(in.entropySum, in.anchors) : Double.NaN);
        out.put(Statistic.EFFECTIVE_NEGATIVES_RATIO, measured ? ratio(in.effectiveSum, in.anchors) : Double.NaN);
        out.put(Statistic.HARDEST_1PCT_SHARE, measured ? ratio(in.hardestSum, in.anchors) : Double.NaN);
        out.put(Statistic.NEGATIVES_PER_ANCHOR, ratio(in.negativesSum, in.anchors));
        out.put(Statistic.FALSE_NEGATIVE_SHARE, ratio(in.falseNegativeSum, in.falseNegativeAnchors));
        out.put(Statistic.BANK_FILL, bankFill);
        long now = nanoClock.getAsLong();
        long sinceReport = now - lastReportNanos;
        out.put(Statistic.PAIRS_PER_SECOND, ratio(in.pairs, sinceReport / 1e9));
        out.put(Statistic.STEP_SECONDS, ratio(in.stepNanos / 1e9, in.steps));
        long statsNanos = in.statsNanos + (now - start);
        out.put(Statistic.STATS_TIME_SHARE, ratio(statsNanos, statsNanos + in.stepNanos));
        out.put(
                Statistic.STEP_IDLE_SHARE,
                in.steps == 0 ? Double.NaN : Math.max(0, 1 - (double) in.stepNanos / sinceReport));
        StatsReport report = new StatsReport(
                out, positives.coarse(MetricsRecord.HISTOGRAM_BINS), negatives.coarse(MetricsRecord.HISTOGRAM_BINS));
        lastReportNanos = now;
        interval = new Interval();
        negatives.clear();
        positives.clear();
        return report;
    }

    private static double ratio(double sum, double count) {
        return count == 0 ? Double.NaN : sum / count;
    }
}
