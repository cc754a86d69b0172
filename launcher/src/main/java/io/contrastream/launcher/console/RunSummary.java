package io.contrastream.launcher.console;

import io.contrastream.service.session.SessionListener;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;

/** Remembers the first and last report of a run and says how the run went. */
public final class RunSummary implements SessionListener {

    private final long startNanos = System.nanoTime();
    private volatile MetricsRecord first;
    private volatile MetricsRecord last;
    private volatile int reports;

    @Override
    public void onReport(MetricsRecord r) {
        if (first == null) {
            first = r;
        }
        last = r;
        reports++;
    }

    public MetricsRecord first() {
        return first;
    }

    public MetricsRecord last() {
        return last;
    }

    public int reports() {
        return reports;
    }

    public String render() {
        if (last == null) {
            return "summary: no training step was completed (no report made)";
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(
                "summary: model %s at step %d after %.0f s; %d pairs trained, %d dead letters, %d reports%n"
                        + "         loss %.3f -> %.3f | uniformity (-L_uniform) %.2f -> %.2f | tolerance %.3f -> %.3f%n"
                        + "         alignment %.3f | hardest-1%% share %.3f | effective negatives %.1f%% | false-neg %.3f%n"
                        + "         evaluation on %s: kNN %.3f | linear probe %.3f | -L_uniform %.2f | tolerance %.3f"
                        + " | alignment %.3f",
                last.modelId(),
                last.step(),
                seconds,
                last.pairsTrainedTotal(),
                last.deadLettersTotal(),
                reports,
                first.get(Statistic.LOSS),
                last.get(Statistic.LOSS),
                first.get(Statistic.UNIFORMITY),
                last.get(Statistic.UNIFORMITY),
                first.get(Statistic.TOLERANCE),
                last.get(Statistic.TOLERANCE),
                last.get(Statistic.ALIGNMENT),
                last.get(Statistic.HARDEST_1PCT_SHARE),
                100 * last.get(Statistic.EFFECTIVE_NEGATIVES_RATIO),
                last.get(Statistic.FALSE_NEGATIVE_SHARE),
                evaluationSet(last),
                last.get(Statistic.KNN_ACCURACY),
                last.get(Statistic.LINEAR_PROBE_ACCURACY),
                last.get(Statistic.PROBE_UNIFORMITY),
                last.get(Statistic.PROBE_TOLERANCE),
                last.get(Statistic.PROBE_ALIGNMENT));
    }

    /** What the evaluation figures were measured on. */
    private static String evaluationSet(MetricsRecord r) {
        double queries = r.get(Statistic.PROBE_SIZE);
        return r.get(Statistic.PROBE_CLEAN) == 1.0
                ? String.format(
                        "the clean set (%.0f queries, %.0f references)", queries, r.get(Statistic.PROBE_REFERENCES))
                : String.format("%.0f held-out augmented views", queries);
    }
}
