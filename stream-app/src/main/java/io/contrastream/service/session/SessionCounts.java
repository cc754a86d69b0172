package io.contrastream.service.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The session's running totals since this process started, readable from any thread (the demo
 * paces its producer on them; reports carry them).
 */
public final class SessionCounts {

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong pairsTrained = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    /** Input records read, whatever became of them (trained, held out, dead-lettered, skipped). */
    public long consumed() {
        return consumed.get();
    }

    /** Pairs that went through a training step. */
    public long pairsTrained() {
        return pairsTrained.get();
    }

    /** Records sent to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.get();
    }

    void addConsumed() {
        consumed.incrementAndGet();
    }

    void addTrained(int pairs) {
        pairsTrained.addAndGet(pairs);
    }

    void addDeadLetter() {
        deadLetters.incrementAndGet();
    }
}
