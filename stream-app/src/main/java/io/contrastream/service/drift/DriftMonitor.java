package io.contrastream.service.drift;

import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.Statistic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Watches uniformity and tolerance report by report. Armed only once the bank is full and
 * {@link DriftSettings#warmupReports} reports have passed since, counted from this process's
 * start: a filling bank (cold start, or a restart) moves every statistic and is not drift.
 */
public final class DriftMonitor {

    /** The statistics watched. */
    public static final List<Statistic> WATCHED = List.of(Statistic.UNIFORMITY, Statistic.TOLERANCE);

    private final DriftSettings settings;
    private final Map<Statistic, CusumDetector> detectors = new EnumMap<>(Statistic.class);
    private int reportsWithFullBank;

    public DriftMonitor(DriftSettings settings) {
        this.settings = settings;
        WATCHED.forEach(s -> detectors.put(s, new CusumDetector(settings)));
    }

    /** Feeds one report's values; returns the events it raises (usually none). */
    public List<DriftEvent> onReport(String modelId, long step, long timestampMs, Map<Statistic, Double> values) {
        Double fill = values.get(Statistic.BANK_FILL);
        if (fill != null && fill >= 1.0) {
            reportsWithFullBank++;
        }
        boolean armed = reportsWithFullBank > settings.warmupReports();
        List<DriftEvent> events = new ArrayList<>();
        for (Statistic s : WATCHED) {
            Double v = values.get(s);
            CusumDetector.Alarm alarm = detectors.get(s).observe(v == null ? Double.NaN : v, armed);
            if (alarm != null) {
                events.add(new DriftEvent(
                        modelId,
                        step,
                        timestampMs,
                        s.field(),
                        alarm.up() ? "up" : "down",
                        v,
                        alarm.baseline(),
                        alarm.cusum()));
            }
        }
        return events;
    }

    /** The CUSUM statistic of a watched statistic (0 = at baseline; events at the threshold). */
    public double statistic(Statistic watched) {
        return detectors.get(watched).statistic();
    }

    public boolean armed() {
        return reportsWithFullBank > settings.warmupReports();
    }
}
