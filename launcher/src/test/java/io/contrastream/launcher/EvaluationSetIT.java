package io.contrastream.launcher;

import static io.contrastream.launcher.KafkaTestSupport.header;
import static io.contrastream.launcher.KafkaTestSupport.producer;
import static io.contrastream.launcher.KafkaTestSupport.publishSynthetic;
import static io.contrastream.launcher.KafkaTestSupport.readAllPartitions;
import static io.contrastream.launcher.KafkaTestSupport.smallModelArgs;
import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.ServiceMain;
import io.contrastream.service.session.SessionListener;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import io.contrastream.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The clean evaluation set end to end on a real broker: {@code produce --probe} publishes it to a
 * compacted topic, the service reads it (ugly probe records go to the dead-letter topic with their
 * reason) and scores the model on it while training on a replayed dataset with the paper's
 * instance bank, which blends every returning id.
 */
class EvaluationSetIT {

    static final int REFERENCES = 300;
    static final int QUERIES = 120;
    static final int STEPS = 60;
    static final int BATCH = 16;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theServiceScoresTheCleanSetFromTheProbeTopicAndDeadLettersBadProbeRecords() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            String bootstrap = kafka.bootstrapServers();
            PublishSummary probe = ProducerApp.publishProbe(
                    PublisherConfig.parse(
                            new String[] {
                                "--bootstrap-servers",
                                bootstrap,
                                "--dataset",
                                "synthetic",
                                "--synthetic-size",
                                "1000",
                                "--output-size",
                                "16",
                                "--probe",
                                "--probe-references",
                                "" + REFERENCES,
                                "--probe-queries",
                                "" + QUERIES,
                                "--progress",
                                "false"
                            },
                            Map.of()),
                    () -> false,
                    null);
            assertThat(probe.sent()).isEqualTo(REFERENCES + QUERIES);
            assertThat(probe.failed()).isZero();
            assertThat(cleanupPolicy(bootstrap, Topics.PROBE)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            publishUglyProbeRecords(bootstrap);

            ServiceConfig config = ServiceConfig.parse(
                    smallModelArgs(
                            bootstrap,
                            BATCH,
                            "--max-steps",
                            "" + STEPS,
                            "--report-every",
                            "10",
                            "--knn-every",
                            "30",
                            "--knn-k",
                            "10",
                            "--checkpoint-dir",
                            "",
                            "--embeddings-topic",
                            ""),
                    Map.of());
            ServiceMain.createTopics(config);
            publishSynthetic(bootstrap, (long) STEPS * BATCH);
            List<MetricsRecord> reports = new CopyOnWriteArrayList<>();
            try (ContrastreamService service =
                    ContrastreamService.start(config, SessionListener.ofReports(reports::add))) {
                assertThat(service.done().get(4, TimeUnit.MINUTES)).isEqualTo(STEPS);
            }

            MetricsRecord last = reports.get(reports.size() - 1);
            assertThat(last.get(Statistic.PROBE_CLEAN)).isEqualTo(1.0);
            assertThat(last.get(Statistic.PROBE_REFERENCES)).isEqualTo(REFERENCES);
            assertThat(last.get(Statistic.PROBE_SIZE)).isEqualTo(QUERIES);
            // Ten shapes: chance is 0.1. Sixty small steps on clean test images do better.
            assertThat(last.get(Statistic.KNN_ACCURACY)).isBetween(0.25, 1.0);
            assertThat(last.get(Statistic.LINEAR_PROBE_ACCURACY)).isBetween(0.25, 1.0);
            assertThat(last.get(Statistic.PROBE_ALIGNMENT)).isBetween(0.0, 2.0);
            assertThat(last.get(Statistic.PROBE_UNIFORMITY)).isBetween(0.0, 4.0);
            assertThat(last.get(Statistic.PROBE_TOLERANCE)).isBetween(-1.0, 1.0);
            assertThat(last.get(Statistic.EVALUATION_SECONDS)).isPositive();
            assertThat(last.get(Statistic.STABILITY_COSINE_PREVIOUS))
                    .as("evaluated at 30 and 60")
                    .isBetween(0.0, 1.0);

            List<ConsumerRecord<byte[], byte[]>> dead = readAllPartitions(bootstrap, Topics.DEAD_LETTERS, 3);
            Map<String, String> reasonByKey = dead.stream()
                    .filter(r -> Topics.PROBE.equals(header(r, DeadLetterHeaders.SOURCE_TOPIC)))
                    .collect(Collectors.toMap(
                            r -> new String(r.key(), StandardCharsets.UTF_8),
                            r -> header(r, DeadLetterHeaders.REASON)));
            assertThat(reasonByKey)
                    .containsEntry("probe-not-json", "not_json")
                    .containsEntry("probe-bad-base64", "bad_base64")
                    .containsEntry("probe-no-label", "bad_field")
                    .hasSize(3);
            assertThat(last.deadLettersTotal()).isEqualTo(3);
        }
    }

    /** Garbage of several kinds (a record without a key the compacted topic itself refuses). */
    private static void publishUglyProbeRecords(String bootstrap) {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            send(p, "probe-not-json", "hello".getBytes(StandardCharsets.UTF_8));
            send(p, "probe-bad-base64", json("{\"role\":\"query\",\"label\":1,\"image\":\"!!!\"}"));
            send(p, "probe-no-label", json("{\"role\":\"reference\",\"image\":\"AQ==\"}"));
            p.flush();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String key, byte[] value) {
        p.send(new ProducerRecord<>(Topics.PROBE, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String cleanupPolicy(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(Set.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
        }
    }
}
