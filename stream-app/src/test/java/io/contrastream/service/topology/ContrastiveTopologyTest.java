package io.contrastream.service.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.codec.TestImageBytes;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.training.FaultInjection;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContrastiveTopologyTest {

    static final String[] SMALL = {
        "--batch-size", "8", "--report-every", "3", "--queue-size", "40", "--image-size", "16",
        "--encoder-width", "8", "--embedding-dim", "32", "--window-size", "64", "--device", "cpu",
        "--checkpoint-dir", "", "--metrics-port", "-1", "--sampled-anchors", "4", "--probe-fraction", "0"
    };

    ServiceConfig config;
    TrainingSession session;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> input;
    TestOutputTopic<String, byte[]> metricsTopic;
    TestOutputTopic<byte[], byte[]> deadLetters;
    TestOutputTopic<String, byte[]> embeddings;

    @BeforeEach
    void setUp() {
        config = ServiceConfig.parse(SMALL, Map.of());
        startDriver(new InputLedger());
    }

    void startDriver(InputLedger ledger) {
        startDriver(null, ledger);
    }

    /** A session (saving checkpoints to {@code store} unless it is null) and a driver around it. */
    void startDriver(CheckpointStore store, InputLedger ledger) {
        session = ContrastreamService.newSession(
                config,
                OnlineTrainer.create(config.trainer()),
                store,
                ledger,
                ContrastreamService.evaluation(config, null),
                () -> 1_700_000_000_000L);
        driver = new TopologyTestDriver(
                ContrastreamService.topology(config, session, new StreamStages()), config.streamsProperties(1));
        input = driver.createInputTopic("image-pairs", new ByteArraySerializer(), new ByteArraySerializer());
        metricsTopic =
                driver.createOutputTopic("contrastive-metrics", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters =
                driver.createOutputTopic("image-pairs-dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        embeddings =
                driver.createOutputTopic("image-embeddings", new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        session.close();
    }

    void pipeGoodPairs(Random rng, int count) {
        for (int i = 0; i < count; i++) {
            input.pipeInput(
                    ("s" + i).getBytes(),
                    TestPairs.encoded(rng, 4, config.trainer().encoder()));
        }
    }

    /**
     * Lets the step still running on the trainer thread finish and its results be published, as
     * the stream thread's punctuation does when no more pairs come.
     */
    void settle() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (session.stepInFlight()) {
            assertThat(System.nanoTime()).as("the step settles").isLessThan(deadline);
            driver.advanceWallClockTime(TrainProcessor.POLL_INTERVAL);
            Thread.onSpinWait();
        }
    }

    @Test
    void goodPairsTrainAndEveryReportStepPublishesAMetricsRecord() {
        pipeGoodPairs(new Random(1), 8 * 6 + 5); // 6 steps, 5 pairs left waiting
        settle();
        List<TestRecord<String, byte[]>> reports = metricsTopic.readRecordsToList();
        assertThat(reports).hasSize(2);
        MetricsRecord last = MetricsRecordCodec.decode(reports.get(1).value());
        assertThat(reports.get(1).key()).isEqualTo("contrastream");
        assertThat(last.step()).isEqualTo(6);
        assertThat(last.pairsTrainedTotal()).isEqualTo(48);
        assertThat(last.get(Statistic.LOSS)).isFinite().isPositive();
        assertThat(last.get(Statistic.UNIFORMITY)).isBetween(0.0, 4.5);
        assertThat(last.get(Statistic.TOLERANCE)).isBetween(-1.0, 1.0);
        assertThat(last.get(Statistic.HARDEST_1PCT_SHARE)).isBetween(0.0, 1.0);
        assertThat(last.get(Statistic.FALSE_NEGATIVE_SHARE)).isBetween(0.0, 1.0);
        assertThat(last.get(Statistic.BANK_FILL)).isEqualTo(1.0);
        assertThat(session.buffered()).isEqualTo(5);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void everyTrainedSampleGetsItsEmbeddingWithTheVersionOfTheWeightsThatMadeIt() {
        pipeGoodPairs(new Random(4), 8 * 3 + 2); // 3 steps; 2 pairs wait
        settle();
        List<TestRecord<String, byte[]>> out = embeddings.readRecordsToList();
        assertThat(out).hasSize(24);
        for (int i = 0; i < 24; i++) {
            EmbeddingRecord e = EmbeddingCodec.decode(out.get(i).value());
            assertThat(out.get(i).key()).isEqualTo("s" + i);
            assertThat(e.modelVersion()).as("sample %d", i).isEqualTo(i / 8);
            assertThat(e.embedding()).hasSize(32);
            double norm = 0;
            for (float v : e.embedding()) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void uglyRecordsGoToTheDeadLetterTopicWithTheirReasonAndTrainingGoesOn() {
        Random rng = new Random(2);
        byte[] good = TestPairs.encoded(rng, 4, config.trainer().encoder());
        String goodJson = new String(good, StandardCharsets.UTF_8);
        String png = Base64.getEncoder()
                .encodeToString(TestPairs.png(new float[256], config.trainer().encoder()));
        String truncated = Base64.getEncoder()
                .encodeToString(Arrays.copyOf(Base64.getDecoder().decode(png), 40));
        Map<String, RejectReason> ugly = new java.util.LinkedHashMap<>();
        ugly.put("", RejectReason.EMPTY_RECORD);
        ugly.put("\u0000\u0001garbage\u00ff", RejectReason.NOT_JSON);
        ugly.put("{\"view1\":\"" + png + "\"}", RejectReason.MISSING_VIEW);
        ugly.put("{\"view1\":\"%%%\",\"view2\":\"" + png + "\"}", RejectReason.BAD_BASE64);
        ugly.put("{\"view1\":\"" + truncated + "\",\"view2\":\"" + png + "\"}", RejectReason.CORRUPT_IMAGE);
        ugly.put(
                "{\"view1\":\"" + png + "\",\"view2\":\""
                        + Base64.getEncoder().encodeToString("GIF89a-not-really".getBytes()) + "\"}",
                RejectReason.UNSUPPORTED_IMAGE_FORMAT);
        ugly.put(
                "{\"view1\":\"" + png + "\",\"view2\":\""
                        + Base64.getEncoder().encodeToString(TestImageBytes.pngHeaderOnly(50_000, 3)) + "\"}",
                RejectReason.ABSURD_DIMENSIONS);
        ugly.put(goodJson.replaceFirst("\"label\":\\d+", "\"label\":-3"), RejectReason.BAD_FIELD);
        ugly.put(goodJson.replaceFirst("\"label\":\\d+", "\"label\":2147483647"), RejectReason.BAD_FIELD);

        Random goods = new Random(3);
        for (Map.Entry<String, RejectReason> e : ugly.entrySet()) {
            pipeGoodPairs(goods, 2);
            input.pipeInput("bad".getBytes(), e.getKey().getBytes(StandardCharsets.UTF_8));
        }
        input.pipeInput(null, "null key and garbage".getBytes());
        settle();

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(ugly.size() + 1);
        int i = 0;
        for (Map.Entry<String, RejectReason> e : ugly.entrySet()) {
            TestRecord<byte[], byte[]> r = dead.get(i++);
            assertThat(header(r, DeadLetterHeaders.REASON))
                    .isEqualTo(e.getValue().code());
            assertThat(header(r, DeadLetterHeaders.MESSAGE)).isNotBlank();
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("image-pairs");
            assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .as("value kept untouched")
                    .isEqualTo(e.getKey());
            assertThat(r.key()).isEqualTo("bad".getBytes());
        }
        assertThat(session.counts().deadLetters()).isEqualTo(ugly.size() + 1);
        // 16 good pairs in between: two full batches of 8 trained despite the bad records.
        assertThat(session.step()).isEqualTo(2);
    }

    @Test
    void aKeyOverTheLimitAndAValueOverTheDeadLetterLimitStillReachTheDeadLetterTopic() {
        byte[] good = TestPairs.encoded(new Random(5), 4, config.trainer().encoder());
        byte[] longKey = "k".repeat(2000).getBytes(StandardCharsets.UTF_8);
        input.pipeInput(longKey, good);
        // 6 MB of base64 'A's: a huge view, far over what a dead letter may carry.
        byte[] huge = ("{\"view1\":\"" + "A".repeat(6 * 1024 * 1024) + "\",\"view2\":\"AAAA\"}")
                .getBytes(StandardCharsets.UTF_8);
        input.pipeInput("huge".getBytes(), huge);

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("key_too_long");
        assertThat(dead.get(0).key()).hasSize(1024);
        assertThat(header(dead.get(0), DeadLetterHeaders.ORIGINAL_KEY_SIZE)).isEqualTo("2000");

        TestRecord<byte[], byte[]> cut = dead.get(1);
        assertThat(header(cut, DeadLetterHeaders.REASON)).isEqualTo("image_too_large");
        assertThat(cut.value()).hasSize(config.recordLimits().maxDeadLetterBytes());
        assertThat(header(cut, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(header(cut, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(huge.length));
        assertThat(header(cut, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(DeadLetters.sha256(huge));
        assertThat(cut.value()).startsWith(Arrays.copyOf(huge, 100));
        assertThat(config.recordLimits().producerMaxRequestBytes())
                .isGreaterThan(
                        config.recordLimits().maxDeadLetterBytes() + 1024 + DeadLetters.MAX_ORIGINAL_HEADER_BYTES);
    }

    @Test
    void aRecordThatThrowsInsideTheStepSendsItsBatchToTheDeadLetterTopicAndTrainingGoesOn() {
        System.setProperty(FaultInjection.KEY_PROPERTY, "s13");
        try {
            pipeGoodPairs(new Random(6), 8 * 4); // s13 sits in the second batch
            settle();
        } finally {
            System.clearProperty(FaultInjection.KEY_PROPERTY);
        }
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(8);
        for (int i = 0; i < 8; i++) {
            TestRecord<byte[], byte[]> r = dead.get(i);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s" + (8 + i));
            assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("processing_error");
            assertThat(header(r, DeadLetterHeaders.MESSAGE)).contains("injected fault", "s13");
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(8 + i));
            assertThat(r.value())
                    .as("the original record, to replay once fixed")
                    .isNotEmpty();
        }
        assertThat(session.step()).as("the other three batches trained").isEqualTo(3);
        assertThat(session.ledger().learnedCount()).isEqualTo(24);
        assertThat(embeddings.readRecordsToList()).hasSize(24);
    }

    @Test
    void recordsTheRestoredCheckpointHasLearnedAreSkippedWhenKafkaReplaysThem() throws Exception {
        // A checkpoint whose input ends at offset 20 of partition 0: Kafka's commit lagged behind it.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new InputLedger().write(new java.io.DataOutputStream(bytes), Map.of(new TopicPartition("image-pairs", 0), 20L));
        driver.close();
        session.close();
        startDriver(
                InputLedger.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))));

        pipeGoodPairs(new Random(7), 20 + 8 * 2);
        settle();
        assertThat(session.step())
                .as("only the 16 records from offset 20 on trained")
                .isEqualTo(2);
        assertThat(embeddings.readRecordsToList())
                .extracting(TestRecord::key)
                .first()
                .isEqualTo("s20");
        assertThat(session.ledger().positions(Map.of())).containsEntry(new TopicPartition("image-pairs", 0), 36L);
    }

    @Test
    void positionsStopBeforePairsStillWaitingForABatch() {
        pipeGoodPairs(new Random(8), 8 + 3);
        settle();
        TopicPartition p0 = new TopicPartition("image-pairs", 0);
        assertThat(session.ledger().positions(Map.of())).containsEntry(p0, 11L);
        assertThat(session.ledger().learnedCount()).isEqualTo(8);
        long expected = 0;
        for (int offset = 0; offset < 8; offset++) {
            expected += InputLedger.fingerprint(p0, offset);
        }
        assertThat(session.ledger().digest()).isEqualTo(expected);
    }

    @Test
    void stepsRunOnTheTrainerThreadAndTheLastOneIsPublishedWithoutFurtherInput() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        session.afterEachStep(t -> threads.add(Thread.currentThread().getName()));
        pipeGoodPairs(new Random(9), 8 * 2);
        assertThat(threads).as("the step runs beside the stream thread").containsExactly("contrastream-trainer");
        settle();
        assertThat(embeddings.readRecordsToList())
                .as("the second batch's embeddings, published by the punctuation")
                .extracting(TestRecord::key)
                .containsExactly(IntStream.range(0, 16).mapToObj(i -> "s" + i).toArray(String[]::new));
        assertThat(session.ledger().learnedCount()).isEqualTo(16);
    }

    @Test
    void aPausedSessionPublishesTheStepInFlightAndStartsNoOther() throws Exception {
        pipeGoodPairs(new Random(12), 8 * 2);
        CompletableFuture<Void> paused = CompletableFuture.runAsync(() -> {
            try {
                session.pause(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        settle(); // the stream thread's punctuation settles the step the pause waits for
        paused.get(60, TimeUnit.SECONDS);
        assertThat(embeddings.readRecordsToList()).hasSize(16);
        pipeGoodPairs(new Random(13), 8);
        assertThat(session.stepInFlight()).isFalse();
        assertThat(session.step()).as("no step after the pause").isEqualTo(2);
        assertThat(session.ledger().positions(Map.of()))
                .as("pairs that came after the pause are read again after a restart")
                .containsEntry(new TopicPartition("image-pairs", 0), 16L);
    }

    @Test
    void onTheStreamThreadEachStepIsPublishedWithThePairThatFilledItsBatch() {
        driver.close();
        session.close();
        config = ServiceConfig.parse(withArgs("--step-thread", "false"), Map.of());
        startDriver(new InputLedger());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        session.afterEachStep(t -> threads.add(Thread.currentThread().getName()));
        pipeGoodPairs(new Random(10), 8 * 2);
        assertThat(session.stepInFlight()).isFalse();
        assertThat(embeddings.readRecordsToList()).hasSize(16);
        assertThat(threads).doesNotContain("contrastream-trainer").hasSize(1);
    }

    @Test
    void aStepThatFailsAfterTheStreamsStoppedLeavesItsPairsToBeReadAgain(@TempDir Path dir) throws Exception {
        driver.close();
        session.close();
        CheckpointStore store = new CheckpointStore(dir, config.modelFingerprint(), 3);
        startDriver(store, new InputLedger());
        System.setProperty(FaultInjection.KEY_PROPERTY, "s13");
        try {
            // The second batch, with s13, starts on the last pair: nothing comes after to settle it.
            pipeGoodPairs(new Random(11), 8 * 2);
            driver.close(); // the streams stop before it is settled
            session.close();
        } finally {
            System.clearProperty(FaultInjection.KEY_PROPERTY);
        }
        CheckpointStore.Checkpoint saved = store.latest().orElseThrow();
        saved.payload().close();
        assertThat(saved.ledger().learnedCount()).isEqualTo(8);
        assertThat(saved.ledger().restoredPositions())
                .as("the failed batch could not reach the dead-letter topic: the next run reads it again")
                .containsEntry(new TopicPartition("image-pairs", 0), 8L);
        startDriver(new InputLedger()); // for tearDown
    }

    static String[] withArgs(String... more) {
        String[] all = Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
