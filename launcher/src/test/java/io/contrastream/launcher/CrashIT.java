package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.config.Settings;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.wire.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments, some right after a checkpoint and some in the middle of
 * training, ten times, each followed by a restart; then a clean stop. The newest checkpoint's
 * input ledger must account for every good input record exactly once (count and order-free
 * digest of their positions), and every bad record must have reached the dead-letter topic at
 * least once. Real broker, real service processes, four input partitions read by two stream
 * threads that hand their pairs to the one trainer.
 */
class CrashIT {

    static final int BATCH = 16;
    static final int GOOD = BATCH * 150;
    static final int BAD = 20;
    static final int KILLS = 10;
    static final String INPUT = "image-pairs";
    static final int PARTITIONS = 4;

    /** Every run's output, for reading after a failure: target/CrashIT-service.log and the like. */
    final Path log = Path.of("target", getClass().getSimpleName() + "-service.log");

    static EmbeddedKafka kafka;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        kafka.createTopics(PARTITIONS, List.of(INPUT, "contrastive-metrics", "image-pairs-dlq", "image-embeddings"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * The paper's bank: every restart restores its slots from the checkpoint. {@link
     * QueueBankCrashIT} runs the same with the default queue, whose ring also lives on the device.
     */
    String bank() {
        return "instance";
    }

    String[] serviceArgs() {
        return KafkaTestSupport.smallModelArgs(
                kafka.bootstrapServers(),
                BATCH,
                "--sampled-anchors",
                "4",
                "--knn-every",
                "0",
                "--report-every",
                "1",
                "--checkpoint-every",
                "3",
                "--checkpoint-dir",
                tmp.resolve("checkpoints").toString(),
                "--create-topics",
                "false",
                "--bank",
                bank(),
                "--stream-threads",
                "2",
                // A killed member leaves the group within seconds, not the default 45 s.
                "--kafka.session.timeout.ms",
                "6000",
                "--kafka.heartbeat.interval.ms",
                "1000");
    }

    @Test
    void killedAtRandomTenTimesEveryGoodRecordIsLearnedExactlyOnceAndNoBadRecordIsLost() throws Exception {
        java.nio.file.Files.deleteIfExists(log);
        publishGoodAndBadRecords();
        Random rng = new Random(2026);
        int rewound = 0;
        int skipped = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            try (ServiceProcess service = ServiceProcess.train(log, List.of(), serviceArgs())) {
                String seen;
                if (kill % 2 == 0) {
                    seen = service.await(l -> l.contains("checkpoint at step"), 120_000);
                    Thread.sleep(rng.nextInt(30)); // right after the checkpoint: the commit may not have happened
                } else {
                    int steps = 1 + rng.nextInt(6);
                    seen = "";
                    for (int i = 0; i < steps && seen != null; i++) {
                        seen = service.await(l -> l.startsWith("step "), 120_000);
                    }
                    Thread.sleep(rng.nextInt(80)); // somewhere inside a later step
                }
                assertThat(seen)
                        .as("run %d trained before it was killed:%n%s", kill, service.output())
                        .isNotNull();
                service.kill();
                rewound += service.printed("where the checkpoint's input ends") ? 1 : 0;
                skipped += service.printed("which the restored checkpoint has learned") ? 1 : 0;
            }
        }
        try (ServiceProcess last = ServiceProcess.train(log, List.of(), serviceArgs())) {
            // Trains what is left, then stays idle: wait for 8 s without a step, then stop it cleanly.
            // The first step may take longer: the killed run's members leave the group after the
            // session timeout (6 s) before the partitions are assigned again.
            String step = last.await(l -> l.startsWith("step "), 60_000);
            while (step != null) {
                step = last.await(l -> l.startsWith("step "), 8_000);
            }
            assertThat(last.stop()).as(last.output()).isIn(0, 143); // 143: the JVM's code after SIGTERM and its hooks
            assertThat(last.printed("summary:")).as(last.output()).isTrue();
        }
        // Both repairs happened: commits that ran ahead of the checkpoint (rewound) and behind it (skipped).
        System.out.printf(
                "CrashIT: %d restarts rewound to the checkpoint, %d skipped records it had learned%n",
                rewound, skipped);
        assertThat(rewound).as("restarts that rewound past committed offsets").isPositive();

        ServiceConfig config =
                ServiceConfig.from(Settings.parse(new TrainCommand().settings(), serviceArgs(), Map.of()));
        InputLedger ledger = new CheckpointStore(config.checkpointDir(), config.modelFingerprint(), 3)
                .latest()
                .orElseThrow()
                .ledger();
        Expected expected = expected();
        assertThat(ledger.learnedCount()).as("pairs learned by the final model").isEqualTo(GOOD);
        assertThat(ledger.digest())
                .as("the learned records are exactly the good input records")
                .isEqualTo(expected.digest);

        Set<String> deadOffsets = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestSupport.readAllPartitions(kafka.bootstrapServers(), "image-pairs-dlq", BAD)) {
            deadOffsets.add(KafkaTestSupport.header(r, DeadLetterHeaders.SOURCE_PARTITION) + "@"
                    + KafkaTestSupport.header(r, DeadLetterHeaders.SOURCE_OFFSET));
        }
        assertThat(deadOffsets)
                .as("every bad record reached the dead-letter topic")
                .containsAll(expected.badOffsets);
        assertTheBankCameBackAtEveryRestart();
    }

    /** What a subclass checks of its bank across the restarts, from the metrics records. */
    void assertTheBankCameBackAtEveryRestart() {}

    /** GOOD pairs from the producer (keyed, so spread over the partitions) and BAD garbage records. */
    void publishGoodAndBadRecords() throws Exception {
        try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (int i = 0; i < BAD / 2; i++) {
                p.send(new ProducerRecord<>(INPUT, i % PARTITIONS, ("garbage-" + i).getBytes(), "not json".getBytes()))
                        .get();
            }
        }
        KafkaTestSupport.publishSynthetic(kafka.bootstrapServers(), GOOD);
        try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (int i = BAD / 2; i < BAD; i++) {
                p.send(new ProducerRecord<>(
                                INPUT, i % PARTITIONS, ("garbage-" + i).getBytes(), "{\"view1\":\"%%\"}".getBytes()))
                        .get();
            }
        }
    }

    record Expected(long digest, Set<String> badOffsets) {}

    /** Reads the input back: the digest of every good record's position, and where the bad ones sit. */
    static Expected expected() {
        long digest = 0;
        Set<String> bad = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> all =
                KafkaTestSupport.readAllPartitions(kafka.bootstrapServers(), INPUT, GOOD + BAD);
        assertThat(all).hasSize(GOOD + BAD);
        for (ConsumerRecord<byte[], byte[]> r : all) {
            if (new String(r.key(), StandardCharsets.UTF_8).startsWith("garbage-")) {
                bad.add(r.partition() + "@" + r.offset());
            } else {
                digest += InputLedger.fingerprint(new TopicPartition(r.topic(), r.partition()), r.offset());
            }
        }
        return new Expected(digest, bad);
    }
}
