package io.contrastream.launcher.console;

import io.contrastream.service.session.SessionListener;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.io.PrintStream;

/** Prints one line per report: the numbers a person watching training wants at a glance. */
public final class LiveLine implements SessionListener {

    private final PrintStream out;

    public LiveLine(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onReport(MetricsRecord r) {
        out.println(format(r));
    }

    public static String format(MetricsRecord r) {
        return String.format(
                "step %6d | %6.0f pairs/s | loss %6.3f | uniformity %5.2f | tolerance %5.2f | hardest-1%% share %5.3f"
                        + " | false-neg %5.3f | bank %3.0f%% | dlq %d",
                r.step(),
                r.get(Statistic.PAIRS_PER_SECOND),
                r.get(Statistic.LOSS),
                r.get(Statistic.UNIFORMITY),
                r.get(Statistic.TOLERANCE),
                r.get(Statistic.HARDEST_1PCT_SHARE),
                r.get(Statistic.FALSE_NEGATIVE_SHARE),
                100 * r.get(Statistic.BANK_FILL),
                r.deadLettersTotal());
    }
}
