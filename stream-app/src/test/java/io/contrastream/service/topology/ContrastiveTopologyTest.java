package io.contrastream.service.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.image.TestImageBytes;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.export.ServiceMetrics;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

class ContrastiveTopologyTest {

    static final String[] SMALL = {
        "--batch-size", "8", "--report-every", "3", "--queue-size", "40", "--image-size", "16",
        "--encoder-width", "8", "--embedding-dim", "32", "--window-size", "64", "--device", "cpu",
        "--checkpoint-dir", "", "--metrics-port", "-1", "--sampled-anchors", "4", "--probe-fraction", "0"
    };

    ServiceConfig config;
    ServiceMetrics metrics;
    TrainingSession session;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> input;
    TestOutputTopic<String, byte[]> metricsTopic;
    TestOutputTopic<byte[], byte[]> deadLetters;
    TestOutputTopic<String, byte[]> embeddings;

    @BeforeEach
    void setUp() {
        config = ServiceConfig.parse(SMALL, Map.of());
        metrics = new ServiceMetrics(new PrometheusRegistry(), "test-model");
        session =
                ContrastreamService.newSession(
                        config, OnlineTrainer.create(config.trainer()), null, metrics, () -> 1_700_000_000_000L);
        driver = new TopologyTestDriver(ContrastreamService.topology(config, session, metrics), config.streamsProperties());
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
            input.pipeInput(("s" + i).getBytes(), TestPairs.encoded(rng, 4, config.trainer().encoder()));
        }
    }

    @Test
    void goodPairsTrainAndEveryReportStepPublishesAMetricsRecord() {
        pipeGoodPairs(new Random(1), 8 * 6 + 5); // 6 steps, 5 pairs left waiting
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
        String png = Base64.getEncoder().encodeToString(TestPairs.png(new float[256], config.trainer().encoder()));
        String truncated = Base64.getEncoder().encodeToString(
                Arrays.copyOf(Base64.getDecoder().decode(png), 40));
        Map<String, RejectReason> ugly = new java.util.LinkedHashMap<>();
        ugly.put("", RejectReason.EMPTY_RECORD);
        ugly.put("\u0000\u0001garbage\u00ff", RejectReason.NOT_JSON);
        ugly.put("{\"view1\":\"" + png + "\"}", RejectReason.MISSING_VIEW);
        ugly.put("{\"view1\":\"%%%\",\"view2\":\"" + png + "\"}", RejectReason.BAD_BASE64);
        ugly.put("{\"view1\":\"" + truncated + "\",\"view2\":\"" + png + "\"}", RejectReason.CORRUPT_IMAGE);
        ugly.put("{\"view1\":\"" + png + "\",\"view2\":\"" + Base64.getEncoder().encodeToString(
                "GIF89a-not-really".getBytes()) + "\"}", RejectReason.UNSUPPORTED_IMAGE_FORMAT);
        ugly.put("{\"view1\":\"" + png + "\",\"view2\":\"" + Base64.getEncoder().encodeToString(
                TestImageBytes.pngHeaderOnly(50_000, 3)) + "\"}",
                RejectReason.ABSURD_DIMENSIONS);
        ugly.put(goodJson.replaceFirst("\"label\":\\d+", "\"label\":-3"), RejectReason.BAD_FIELD);

        Random goods = new Random(3);
        for (Map.Entry<String, RejectReason> e : ugly.entrySet()) {
            pipeGoodPairs(goods, 2);
            input.pipeInput("bad".getBytes(), e.getKey().getBytes(StandardCharsets.UTF_8));
        }
        input.pipeInput(null, "null key and garbage".getBytes());

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(ugly.size() + 1);
        int i = 0;
        for (Map.Entry<String, RejectReason> e : ugly.entrySet()) {
            TestRecord<byte[], byte[]> r = dead.get(i++);
            assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(e.getValue().code());
            assertThat(header(r, DeadLetterHeaders.MESSAGE)).isNotBlank();
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("image-pairs");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).as("value kept untouched").isEqualTo(e.getKey());
            assertThat(r.key()).isEqualTo("bad".getBytes());
        }
        assertThat(metrics.deadLettersTotal()).isEqualTo(ugly.size() + 1);
        // 16 good pairs in between: two full batches of 8 trained despite the bad records.
        assertThat(session.step()).isEqualTo(2);
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
