package io.contrastream.service.session;

import io.contrastream.service.training.StepResult;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.RejectReason;
import java.util.function.Consumer;

/**
 * Told what the training session does, on the training thread; must return quickly. Prometheus,
 * the console line and the run summary are listeners; the session itself knows none of them.
 */
public interface SessionListener {

    /** A listener of the reports alone. */
    static SessionListener ofReports(Consumer<MetricsRecord> reports) {
        return new SessionListener() {
            @Override
            public void onReport(MetricsRecord record) {
                reports.accept(record);
            }
        };
    }

    /** A report, every {@code --report-every} steps. */
    default void onReport(MetricsRecord record) {}

    default void onDrift(DriftEvent event) {}

    /** A training step ran (its loss may be non-finite: then nothing was updated). */
    default void onStep(StepResult step) {}

    /** An input record was read, whatever becomes of it. */
    default void onRecordConsumed() {}

    default void onDeadLetter(RejectReason reason) {}

    /** A record the restored checkpoint had learned was read again and skipped. */
    default void onReplaySkipped() {}

    /** Something failed that is not the input's fault, in {@code stage}; the service went on. */
    default void onProcessingError(String stage) {}
}
