package io.contrastream.service.session;

import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecord;

/** Told about every report and drift event, on the training thread; must return quickly. */
@FunctionalInterface
public interface ReportListener {
    void onReport(MetricsRecord record);

    default void onDrift(DriftEvent event) {}
}
