package io.contrastream.producer.publish;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.slf4j.Logger;

/** Counts what the broker acknowledged and what failed, logging the first failure. */
final class AckCounter {

    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Logger log;
    private final String topic;

    AckCounter(Logger log, String topic) {
        this.log = log;
        this.topic = topic;
    }

    /** The callback for one send. */
    Callback callback() {
        return (meta, e) -> {
            if (e == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                if (firstError.compareAndSet(null, e)) {
                    log.error("send to {} failed: {}", topic, e.getMessage());
                }
            }
        };
    }

    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }
}
