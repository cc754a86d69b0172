package io.contrastream.service.session;

import io.contrastream.wire.MetricsRecord;

/** Told about every report, on the training thread; must return quickly. */
@FunctionalInterface
public interface ReportListener {
    void onReport(MetricsRecord record);
}
