package io.contrastream.service.stats;

import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.StepStatistics;
import io.contrastream.service.training.WindowStatistics;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns step results into the report's statistics. The step computed them on its device (see
 * {@link io.contrastream.service.training.DeviceStatistics}): per step this adds up O(batch)
 * numbers (positive similarities, the sampled anchors' penalty figures) and a fixed histogram of
 * their negative similarities; at a report it takes the window's uniformity and tolerance, which
 * the trainer computed after the step, and starts a new interval. It times itself, so the report
 * says what share of the training thread statistics cost, device part included.
 */
public final class StatsCollector {

    private final LossSpec loss;
    private final LongSupplier nanoClock;
    private final SimilarityHistogram negatives = new SimilarityHistogram(StepStatistics.HISTOGRAM_BINS);
    private final SimilarityHistogram positives = new SimilarityHistogram(StepStatistics.HISTOGRAM_BINS);
    private long lastReportNanos;
    private Interval interval = new Interval();

    public StatsCollector(LossSpec loss, LongSupplier nanoClock) {
        this.loss = loss;
        this.nanoClock = nanoClock;
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
        StepStatistics st = r.statistics();
        for (int a = 0; a < st.anchors(); a++) {
            in.anchors++;
            in.entropySum += st.entropy()[a];
            in.effectiveSum += st.effectiveRatio()[a];
            in.hardestSum += st.hardestShare()[a];
            in.negativesSum += st.negatives()[a];
            if (!Double.isNaN(st.falseNegativeShare()[a])) {
                in.falseNegativeSum += st.falseNegativeShare()[a];
                in.falseNegativeAnchors++;
            }
        }
        negatives.addCounts(st.negativeHistogram(), st.negativeSum(), st.negativeMax());
        long own = nanoClock.getAsLong() - start;
        in.statsNanos += r.statsNanos() + own;
        in.stepNanos += own;
    }

    /**
     * The statistics of the interval since the last report, with the window's; starts the next
     * interval.
     */
    public StatsReport report(double bankFill, WindowStatistics window) {
        long start = nanoClock.getAsLong();
        Interval in = interval;
        Map<Statistic, Double> out = new EnumMap<>(Statistic.class);
        out.put(Statistic.UNIFORMITY, window.uniformity());
        out.put(Statistic.TOLERANCE, window.tolerance());
        out.put(Statistic.TOLERANCE_PAIRS, (double) window.tolerancePairs());
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
        boolean measured = loss.kind().weighsByTemperature();
        out.put(Statistic.PENALTY_ENTROPY, measured ? ratio(in.entropySum, in.anchors) : Double.NaN);
        out.put(Statistic.EFFECTIVE_NEGATIVES_RATIO, measured ? ratio(in.effectiveSum, in.anchors) : Double.NaN);
        out.put(Statistic.HARDEST_1PCT_SHARE, measured ? ratio(in.hardestSum, in.anchors) : Double.NaN);
        out.put(Statistic.NEGATIVES_PER_ANCHOR, ratio(in.negativesSum, in.anchors));
        out.put(Statistic.FALSE_NEGATIVE_SHARE, ratio(in.falseNegativeSum, in.falseNegativeAnchors));
        out.put(Statistic.BANK_FILL, bankFill);
        long now = nanoClock.getAsLong();
        long sinceReport = now - lastReportNanos;
        out.put(Statistic.PAIRS_PER_SECOND, ratio(in.pairs, sinceReport / 1e9));
        long statsNanos = in.statsNanos + window.nanos() + (now - start);
        long stepNanos = in.stepNanos + window.nanos() + (now - start);
        out.put(Statistic.STEP_SECONDS, ratio(in.stepNanos / 1e9, in.steps));
        out.put(Statistic.STATS_TIME_SHARE, ratio(statsNanos, stepNanos));
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
