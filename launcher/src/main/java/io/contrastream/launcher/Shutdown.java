package io.contrastream.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) as an event: long-running commands wait on it and then shut their
 * parts down in order; the JVM's hook waits for them to finish before it exits.
 */
final class Shutdown {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    static Shutdown onSignal() {
        Shutdown s = new Shutdown();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            s.requested.countDown();
                            try {
                                s.finished.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "contrastream-shutdown"));
        return s;
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code millis} for a signal; true if one came. */
    boolean await(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    void request() {
        requested.countDown();
    }

    /** The command has cleaned up; the JVM may exit. */
    void done() {
        finished.countDown();
    }
}
