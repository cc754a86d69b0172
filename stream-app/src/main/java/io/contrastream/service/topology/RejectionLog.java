package io.contrastream.service.topology;

import io.contrastream.wire.RejectReason;
import org.slf4j.Logger;

/**
 * One log line per dead letter, without a stack trace, for the first {@link #LOG_FIRST} and then
 * one in every {@link #LOG_EVERY}: a flood of bad input must not flood the log.
 */
public final class RejectionLog {

    static final long LOG_FIRST = 20;
    static final long LOG_EVERY = 1000;

    private final Logger log;
    private long rejected;

    public RejectionLog(Logger log) {
        this.log = log;
    }

    public void log(String id, RejectReason reason, String message) {
        rejected++;
        if (rejected <= LOG_FIRST || rejected % LOG_EVERY == 0) {
            log.warn("record {} to dead-letter topic ({} so far): {}: {}", id, rejected, reason.code(), message);
        }
    }
}
