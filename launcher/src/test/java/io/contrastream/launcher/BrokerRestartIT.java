package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.service.BrokerWait;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.ServiceMain;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker comes and goes while the service runs, as in any cluster restart: the service is
 * started before its broker exists and waits for it, then rides through a 30-second outage under
 * load without restarting, and loses no pair: every pair published is learned exactly once.
 */
class BrokerRestartIT {

    static final int BATCH = 16;
    static final int PAIRS = BATCH * 120;

    @TempDir
    Path tmp;

    @Test
    void waitsForALateBrokerAndRidesThroughAThirtySecondOutageLosingNothing() throws Exception {
        int port = freePort();
        Path log = tmp.resolve("broker-log");
        ServiceConfig config = ServiceConfig.parse(
                KafkaTestSupport.smallModelArgs(
                        "localhost:" + port,
                        BATCH,
                        "--report-every",
                        "5",
                        "--checkpoint-every",
                        "5",
                        "--checkpoint-dir",
                        tmp.resolve("checkpoints").toString(),
                        // the topics it creates have a partition per core: two threads read them
                        "--stream-threads",
                        "2"),
                Map.of());

        // What 'train' does (ServiceMain.run), started while no broker listens.
        CompletableFuture<ContrastreamService> starting = CompletableFuture.supplyAsync(() -> {
            try {
                BrokerWait.await(config.bootstrapServers(), config.kafkaOverrides(), Duration.ZERO);
                ServiceMain.createTopics(config);
                return ContrastreamService.start(config);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(4000);
        assertThat(starting).as("the service waits for its broker").isNotDone();

        EmbeddedKafka kafka = EmbeddedKafka.start(port, log);
        try (ContrastreamService service = starting.get(2, TimeUnit.MINUTES)) {
            CompletableFuture<PublishSummary> publishing = CompletableFuture.supplyAsync(
                    () -> KafkaTestSupport.publishSynthetic(config.bootstrapServers(), PAIRS, "--rate", "40"));
            awaitTrained(service, BATCH * 10, Duration.ofMinutes(2));

            kafka.close();
            long learnedBefore = service.session().counts().pairsTrained();
            Thread.sleep(30_000);
            assertThat(service.state())
                    .as("still running during the outage")
                    .isNotIn(
                            KafkaStreams.State.ERROR,
                            KafkaStreams.State.NOT_RUNNING,
                            KafkaStreams.State.PENDING_SHUTDOWN);
            kafka = EmbeddedKafka.start(port, log);

            PublishSummary sent = publishing.get(3, TimeUnit.MINUTES);
            assertThat(sent.sent()).isEqualTo(PAIRS);
            awaitTrained(service, PAIRS, Duration.ofMinutes(2));
            Thread.sleep(3000); // nothing more arrives: no duplicates
            assertThat(service.session().counts().pairsTrained()).isEqualTo(PAIRS);
            assertThat(service.session().counts().pairsTrained()).isGreaterThan(learnedBefore);
            assertThat(service.session().ledger().learnedCount()).isEqualTo(PAIRS);
            assertThat(service.failed()).as("the stream thread never died").isNotDone();
        } finally {
            kafka.close();
        }
    }

    static void awaitTrained(ContrastreamService service, long pairs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.session().counts().pairsTrained() < pairs && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(service.session().counts().pairsTrained())
                .as("pairs trained")
                .isGreaterThanOrEqualTo(pairs);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
