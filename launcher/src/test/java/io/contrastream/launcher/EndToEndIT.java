package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.dataset.SyntheticDataset;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.serving.ServingEncoder;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.testing.ExternalTools;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.Json;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.Statistic;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product on a real broker: producer (and kcat, a non-Java client) to service to metrics
 * topic, dead-letter topic and Prometheus endpoint, then a restart from the checkpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    static final int BATCH = 32;
    static final int STEPS = 80;
    static final int REPORT_EVERY = 5;

    static EmbeddedKafka kafka;

    @TempDir
    static Path tmp;

    static List<MetricsRecord> reports = new ArrayList<>();
    static String metricsText;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        kafka.createTopics(1, List.of("image-pairs", "contrastive-metrics", "image-pairs-dlq", "image-embeddings"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static ServiceConfig serviceConfig(int maxSteps) {
        return ServiceConfig.parse(
                new String[] {
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--batch-size",
                    "" + BATCH,
                    "--report-every",
                    "" + REPORT_EVERY,
                    "--queue-size",
                    "320",
                    "--max-steps",
                    "" + maxSteps,
                    "--checkpoint-every",
                    "20",
                    "--checkpoint-dir",
                    tmp.resolve("checkpoints").toString(),
                    "--metrics-port",
                    "0",
                    "--window-size",
                    "256",
                    "--device",
                    "cpu",
                    // Every good pair must train for the run to reach --max-steps: no held-out probe.
                    "--probe-fraction",
                    "0"
                },
                Map.of());
    }

    @Test
    @Order(1)
    void trainsOnProducedPairsAndKcatPairsWhileGarbageGoesToTheDeadLetterTopic() throws Exception {
        // Exactly STEPS * BATCH good pairs: one from kcat, the rest from the producer. The run can
        // only reach --max-steps if the kcat pair was accepted.
        publishGarbage();
        produceWithKcat();
        PublishSummary sent = ProducerApp.run(
                PublisherConfig.parse(
                        new String[] {
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--dataset",
                            "synthetic",
                            "--synthetic-size",
                            "2000",
                            "--epochs",
                            "0",
                            "--limit",
                            "" + (STEPS * BATCH - 1),
                            "--progress",
                            "false"
                        },
                        Map.of()),
                () -> false,
                null,
                s -> false);
        assertThat(sent.sent()).isEqualTo(STEPS * BATCH - 1);
        publishGarbage();

        ServiceConfig config = serviceConfig(STEPS);
        try (ContrastreamService service = ContrastreamService.start(config)) {
            // The encoder answers while it trains.
            HttpResponse<String> embedded = post(service.metricsPort(), Files.readAllBytes(tmp.resolve("a.png")));
            assertThat(embedded.statusCode()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(embedded.body());
            assertThat(body.get("dim").asInt()).isEqualTo(128);
            assertThat(body.get("model_version").asLong()).isBetween(0L, (long) STEPS);
            HttpResponse<String> corrupt = post(service.metricsPort(), "not an image".getBytes());
            assertThat(corrupt.statusCode()).isEqualTo(400);
            assertThat(corrupt.body()).contains("unsupported_image_format");
            assertThat(service.done().get(5, TimeUnit.MINUTES)).isEqualTo(STEPS);
            metricsText = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + service.metricsPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }

        for (ConsumerRecord<byte[], byte[]> r : readAll("contrastive-metrics", STEPS / REPORT_EVERY)) {
            reports.add(MetricsRecordCodec.decode(r.value()));
        }
        assertThat(reports).hasSize(STEPS / REPORT_EVERY);
        for (MetricsRecord r : reports) {
            for (Statistic s : List.of(
                    Statistic.LOSS,
                    Statistic.UNIFORMITY,
                    Statistic.TOLERANCE,
                    Statistic.ALIGNMENT,
                    Statistic.PENALTY_ENTROPY,
                    Statistic.HARDEST_1PCT_SHARE,
                    Statistic.NEGATIVE_SIMILARITY_P99,
                    Statistic.FALSE_NEGATIVE_SHARE,
                    Statistic.PAIRS_PER_SECOND)) {
                assertThat(r.get(s)).as(s + " at step " + r.step()).isFinite();
            }
            assertThat(r.get(Statistic.UNIFORMITY)).isBetween(0.0, 4.5);
            assertThat(r.get(Statistic.TOLERANCE)).isBetween(-1.0, 1.0);
        }
        // The bank (320 keys) is full from step 10 and holds no key of the initial encoder after
        // step 20: from there on the loss is comparable (same number of negatives).
        MetricsRecord fullBank = reports.get(3);
        MetricsRecord last = reports.get(reports.size() - 1);
        assertThat(fullBank.get(Statistic.BANK_FILL)).isEqualTo(1.0);
        assertThat(last.get(Statistic.LOSS))
                .as("loss at step %d vs step %d", last.step(), fullBank.step())
                .isLessThan(fullBank.get(Statistic.LOSS) - 0.2);
        // The first batch of garbage came before the last good pair, the second after it. The last
        // report is made when the last step is settled, on the stream thread after the step ended
        // on the trainer thread: by then some of the second batch may have been read.
        assertThat(last.deadLettersTotal()).isBetween((long) GARBAGE.size(), 2L * GARBAGE.size());
    }

    @Test
    @Order(2)
    void deadLettersKeepTheOriginalBytesAndSayWhy() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> dead = readAll("image-pairs-dlq", 2 * GARBAGE.size());
        assertThat(dead).hasSize(2 * GARBAGE.size());
        for (int i = 0; i < dead.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = dead.get(i);
            Map.Entry<String, String> expected = GARBAGE.get(i % GARBAGE.size());
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(expected.getKey());
            assertThat(KafkaTestSupport.header(r, DeadLetterHeaders.REASON)).isEqualTo(expected.getValue());
            assertThat(KafkaTestSupport.header(r, DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo("image-pairs");
        }
    }

    @Test
    @Order(3)
    void prometheusEndpointListsTheStatistics() {
        assertThat(metricsText)
                .contains("contrastream_uniformity{model=\"contrastream\"}")
                .contains("contrastream_tolerance{model=\"contrastream\"}")
                .contains("contrastream_hardest1pct_penalty_share{model=\"contrastream\"}")
                .contains("contrastream_negative_similarity{model=\"contrastream\",rank=\"p99\"}")
                .contains("contrastream_dead_letters_total{model=\"contrastream\",reason=\"not_json\"} 2.0")
                .contains("contrastream_pairs_trained_total{model=\"contrastream\"} " + (STEPS * BATCH) + ".0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    @Order(3)
    void theMetricsEndpointPassesPrometheusLinter() throws Exception {
        ExternalTools.requireProgram("promtool", "prometheus");
        Process p = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(metricsText.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).as("promtool's complaints").isBlank();
    }

    @Test
    @Order(4)
    void everyTrainedSampleHasItsEmbeddingOnTheEmbeddingsTopic() {
        List<ConsumerRecord<byte[], byte[]>> embeddings = readAll("image-embeddings", STEPS * BATCH);
        assertThat(embeddings).hasSize(STEPS * BATCH);
        assertThat(embeddings.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                .contains("kcat-1")
                .doesNotContain("garbage");
        assertThat(embeddings).allSatisfy(r -> {
            EmbeddingRecord e = EmbeddingCodec.decode(r.value());
            assertThat(e.embedding()).hasSize(128);
            assertThat(e.modelVersion()).isBetween(0L, (long) STEPS - 1);
        });
    }

    @Test
    @Order(5)
    void aRestartResumesFromTheNewestCheckpoint() throws Exception {
        assertThat(Files.list(tmp.resolve("checkpoints"))
                        .map(p -> p.getFileName().toString()))
                .contains("checkpoint-000000000080.ckpt");
        ProducerApp.run(
                PublisherConfig.parse(
                        new String[] {
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--dataset",
                            "synthetic",
                            "--limit",
                            "" + (REPORT_EVERY * BATCH),
                            "--progress",
                            "false",
                            "--seed",
                            "7"
                        },
                        Map.of()),
                () -> false,
                null,
                s -> false);
        try (ContrastreamService service = ContrastreamService.start(serviceConfig(REPORT_EVERY))) {
            assertThat(service.done().get(3, TimeUnit.MINUTES)).isEqualTo(STEPS + REPORT_EVERY);
        }
        List<ConsumerRecord<byte[], byte[]>> all = readAll("contrastive-metrics", STEPS / REPORT_EVERY + 1);
        MetricsRecord resumed =
                MetricsRecordCodec.decode(all.get(all.size() - 1).value());
        assertThat(resumed.step()).isEqualTo(STEPS + REPORT_EVERY);
        // The bank came back with the model: full from the first step after the restart.
        assertThat(resumed.get(Statistic.BANK_FILL)).isEqualTo(1.0);
        assertThat(resumed.get(Statistic.LOSS)).isLessThan(reports.get(3).get(Statistic.LOSS));
    }

    @Test
    @Order(6)
    void anExportedModelEmbedsInASeparateDjlProgramAsTheServiceDoes() throws Exception {
        Path exports = tmp.resolve("exports");
        String[] args = {
            "export",
            "--checkpoint-dir",
            tmp.resolve("checkpoints").toString(),
            "--export-dir",
            exports.toString(),
            "--queue-size",
            "320",
            "--device",
            "cpu"
        };
        assertThat(Main.run(args)).isZero();
        Path model = exports.resolve("contrastream-v" + (STEPS + REPORT_EVERY));
        assertThat(model.resolve("manifest.json")).exists();

        // The service's embedding of the image at that step: the checkpoint's weights, served.
        ServiceConfig config = serviceConfig(1);
        byte[] png = Files.readAllBytes(tmp.resolve("a.png"));
        float[] service;
        try (OnlineTrainer trainer = OnlineTrainer.restore(
                        config.trainer(),
                        new CheckpointStore(config.checkpointDir(), config.modelFingerprint(), 3)
                                .latest()
                                .orElseThrow()
                                .payload());
                ServingEncoder serving = new ServingEncoder(config.trainer().encoder(), trainer.device())) {
            serving.refreshFrom(trainer);
            service = serving.embed(new PairDecoder(config.trainer().encoder(), config.imageLimits()).image(png), 1)
                    .embeddings();
        }

        // A separate JVM with the encoder and image modules and DJL on its class path, nothing else.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("contrastream-encoder")
                        || e.contains("contrastream-image")
                        || e.contains(File.separator + "encoder" + File.separator)
                        || e.contains(File.separator + "image" + File.separator)
                        || e.contains("djl")
                        || e.contains("gson")
                        || e.contains("jna")
                        || e.contains("commons-compress")
                        || e.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("kafka", "stream-app", "launcher");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true",
                        "-cp",
                        classPath,
                        "io.contrastream.encoder.EmbedImages",
                        model.toString(),
                        tmp.resolve("a.png").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        JsonNode line = Json.MAPPER.readTree(
                out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(line.get("model_version").asLong()).isEqualTo(STEPS + REPORT_EVERY);
        float[] exported = new float[line.get("embedding").size()];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (float) line.get("embedding").get(i).asDouble();
        }
        double dot = 0;
        for (int i = 0; i < exported.length; i++) {
            dot += exported[i] * service[i];
        }
        assertThat(dot)
                .as("cosine of the exported model's embedding and the service's")
                .isGreaterThan(0.9999);
    }

    static HttpResponse<String> post(int port, byte[] image) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embed"))
                                .header("Content-Type", "image/png")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static final List<Map.Entry<String, String>> GARBAGE = List.of(
            Map.entry("this is not json", "not_json"),
            Map.entry("{\"view1\":\"AAAA\",\"view2\":\"%%%%\"}", "bad_base64"),
            Map.entry("{\"view1\":\"iVBORw0KGgo=\",\"view2\":\"iVBORw0KGgo=\"}", "corrupt_image"),
            Map.entry("{\"label\":1}", "missing_view"));

    static void publishGarbage() {
        try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (Map.Entry<String, String> g : GARBAGE) {
                p.send(new ProducerRecord<>(
                        "image-pairs", "garbage".getBytes(), g.getKey().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * Runs the README's kcat example: two PNG files, base64 without line wraps, key 'kcat-1'.
     * Without kcat (and tools not required) the same record goes through the Java producer.
     */
    static void produceWithKcat() throws Exception {
        SyntheticDataset shapes = new SyntheticDataset(1, 32, 99);
        Files.write(tmp.resolve("a.png"), ImageCodec.encode(shapes.get(0).image(), ImageFormat.PNG));
        Files.write(tmp.resolve("b.png"), ImageCodec.encode(shapes.get(0).image(), ImageFormat.PNG));
        if (!ExternalTools.available("kcat", "kcat")) {
            String b64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(tmp.resolve("a.png")));
            try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>(
                                "image-pairs",
                                "kcat-1".getBytes(),
                                ("{\"view1\":\"" + b64 + "\",\"view2\":\"" + b64 + "\",\"label\":3}").getBytes()))
                        .get();
            }
            return;
        }
        String command = "printf 'kcat-1:{\"view1\":\"%s\",\"view2\":\"%s\",\"label\":3}\\n' "
                + "\"$(base64 -w0 a.png)\" \"$(base64 -w0 b.png)\" | kcat -P -b " + kafka.bootstrapServers()
                + " -t image-pairs -K:";
        Process p = new ProcessBuilder("bash", "-c", command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor())
                .as("kcat failed (is it installed? .ci/run installs it): " + output)
                .isZero();
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        return KafkaTestSupport.readAll(kafka.bootstrapServers(), topic, atLeast);
    }
}
