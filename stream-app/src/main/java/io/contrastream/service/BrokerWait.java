package io.contrastream.service;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up's wait for the cluster: a service started before its broker (a compose stack, a
 * cluster being restarted) waits with backoff, one log line per attempt, instead of exiting.
 */
public final class BrokerWait {

    private static final Logger log = LoggerFactory.getLogger(BrokerWait.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private BrokerWait() {}

    /**
     * Returns once the cluster answers.
     *
     * @param timeout how long to wait in all; zero waits until it answers
     * @throws IllegalStateException if it did not answer in time
     */
    public static void await(String bootstrapServers, Properties overrides, Duration timeout)
            throws InterruptedException {
        Properties p = new Properties();
        p.putAll(overrides);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        try (Admin admin = Admin.create(p)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    if (attempt > 1) {
                        log.info("broker at {} answered after {} attempts", bootstrapServers, attempt);
                    }
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() + backoff.toNanos() > deadline) {
                        throw new IllegalStateException(
                                "no Kafka broker answered at " + bootstrapServers + " within " + timeout);
                    }
                    log.warn(
                            "no Kafka broker answers at {} (attempt {}); retrying in {} s",
                            bootstrapServers,
                            attempt,
                            backoff.toSeconds());
                    Thread.sleep(backoff.toMillis());
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        }
    }
}
