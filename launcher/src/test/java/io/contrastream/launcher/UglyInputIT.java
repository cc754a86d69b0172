package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.dataset.SyntheticDataset;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.training.FaultInjection;
import io.contrastream.testing.ExternalTools;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.ImagePair;
import io.contrastream.wire.ImagePairCodec;
import io.contrastream.wire.PairFormat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outside client can send, sent by real clients (a Java producer with gzip, and kcat) to
 * a real broker: every kind of bad record reaches the dead-letter topic with its reason, the two
 * poison pills that once stopped the service (a label of 2^31-1, a 6 MB view that compressed to
 * a few KB) among them; a record that throws inside a training step sends its batch there as
 * {@code processing_error}; valid but unusual images train; and the service goes on training.
 */
class UglyInputIT {

    static final int BATCH = 16;
    static final int STEPS = 6;
    static final String INPUT = "image-pairs";

    static EmbeddedKafka kafka;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        // Two partitions, read by two stream threads: records reach the one trainer from both.
        kafka.createTopics(2, List.of(INPUT, "contrastive-metrics", "image-pairs-dlq", "image-embeddings"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void badRecordsReachTheDeadLetterTopicWithTheirReasonWhileUnusualImagesTrain() throws Exception {
        SyntheticDataset shapes = new SyntheticDataset(200, 32, 5);
        byte[] png = ImageCodec.encode(shapes.get(0).image(), ImageFormat.PNG);
        String b64 = Base64.getEncoder().encodeToString(png);
        String good = "{\"view1\":\"" + b64 + "\",\"view2\":\"" + b64 + "\",\"label\":1}";

        Map<String, byte[]> bad = new LinkedHashMap<>();
        Map<String, String> reason = new LinkedHashMap<>();
        bad(bad, reason, "empty", new byte[0], "empty_record");
        bad(bad, reason, "not-json", "{{{ nope".getBytes(), "not_json");
        bad(bad, reason, "binary", new byte[] {0, (byte) 0xff, 3, 4}, "not_json");
        bad(bad, reason, "no-view", "{\"label\":1}".getBytes(), "missing_view");
        bad(bad, reason, "view-number", ("{\"view1\":7,\"view2\":\"" + b64 + "\"}").getBytes(), "missing_view");
        bad(bad, reason, "bad-base64", ("{\"view1\":\"@@@\",\"view2\":\"" + b64 + "\"}").getBytes(), "bad_base64");
        bad(bad, reason, "truncated-png", pair(java.util.Arrays.copyOf(png, png.length / 2), png), "corrupt_image");
        bad(bad, reason, "gif", pair("GIF89a\u0001\u0000".getBytes(), png), "unsupported_image_format");
        bad(bad, reason, "huge-header", pair(pngHeader(50_000, 40_000), png), "absurd_dimensions");
        bad(
                bad,
                reason,
                "pixel-budget",
                pair(encode(new BufferedImage(2100, 2100, BufferedImage.TYPE_BYTE_GRAY), "png"), png),
                "absurd_dimensions");
        bad(
                bad,
                reason,
                "label-text",
                good.replace("\"label\":1", "\"label\":\"cat\"").getBytes(),
                "bad_field");
        bad(
                bad,
                reason,
                "label-negative",
                good.replace("\"label\":1", "\"label\":-3").getBytes(),
                "bad_field");
        // Poison pill 1: once accepted, it crashed the kNN probe at every restart.
        bad(
                bad,
                reason,
                "label-max-int",
                good.replace("\"label\":1", "\"label\":2147483647").getBytes(),
                "bad_field");
        // Poison pill 2: 6 MB of base64 that gzip shrinks to a few KB; its dead letter once failed to send.
        byte[] sixMegabytes =
                ("{\"view1\":\"" + "A".repeat(6 * 1024 * 1024) + "\",\"view2\":\"" + b64 + "\"}").getBytes();
        bad(bad, reason, "six-megabytes", sixMegabytes, "image_too_large");
        byte[] binary = ImagePairCodec.encode(new ImagePair(png, png, 1, null), PairFormat.BINARY);
        byte[] binaryV9 = binary.clone();
        binaryV9[3] = 9;
        byte[] binaryOverlong = binary.clone();
        java.nio.ByteBuffer.wrap(binaryOverlong)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(16, -2);
        bad(bad, reason, "binary-truncated", java.util.Arrays.copyOf(binary, binary.length - 7), "bad_binary_pair");
        bad(bad, reason, "binary-version-9", binaryV9, "bad_binary_pair");
        bad(bad, reason, "binary-overlong-view", binaryOverlong, "bad_binary_pair");
        bad(bad, reason, "binary-header-only", java.util.Arrays.copyOf(binary, 12), "bad_binary_pair");
        bad(
                bad,
                reason,
                "binary-corrupt-png",
                ImagePairCodec.encode(
                        new ImagePair(java.util.Arrays.copyOf(png, png.length / 2), png, 1, null), PairFormat.BINARY),
                "corrupt_image");
        String longKey = "k".repeat(70_000);

        Map<String, byte[]> unusual = new LinkedHashMap<>();
        unusual.put("unusual-png16", pair(encode(grey16(40, 30), "png"), png));
        unusual.put("unusual-palette", pair(encode(drawn(BufferedImage.TYPE_BYTE_INDEXED, 48, 48), "png"), png));
        unusual.put("unusual-alpha", pair(encode(drawn(BufferedImage.TYPE_INT_ARGB, 33, 21), "png"), png));
        unusual.put("unusual-progressive-jpeg", pair(progressiveJpeg(drawn(BufferedImage.TYPE_INT_RGB, 64, 48)), png));
        unusual.put("unusual-grey-jpeg", pair(encode(drawn(BufferedImage.TYPE_BYTE_GRAY, 50, 50), "jpg"), png));
        unusual.put("unusual-large", pair(encode(drawn(BufferedImage.TYPE_INT_RGB, 1600, 1200), "png"), png));
        unusual.put("unusual-binary", binary);
        unusual.put(
                "unusual-binary-jpeg",
                ImagePairCodec.encode(
                        new ImagePair(encode(drawn(BufferedImage.TYPE_INT_RGB, 40, 40), "jpg"), png, null, 5L),
                        PairFormat.BINARY));

        produceWithKcat("kcat-garbage", "not json from kcat");
        System.setProperty(FaultInjection.KEY_PROPERTY, "poisoned");
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            // Partition 0 starts with a pair that throws inside the step and 15 good ones: whatever
            // the other thread adds to its batch, no pair of partition 0 after them can join it, so
            // the bad and unusual records that follow there are never lost with that batch.
            p.send(first("poisoned", good.getBytes()));
            for (int i = 0; i < BATCH - 1; i++) {
                p.send(first("first-" + i, goodPair(shapes, i)));
            }
            bad.forEach((k, v) -> p.send(first(k, v)));
            p.send(new ProducerRecord<>(INPUT, 0, longKey.getBytes(), good.getBytes()));
            unusual.forEach((k, v) -> p.send(first(k, v)));
            for (int i = 0; i < STEPS * BATCH - unusual.size(); i++) {
                p.send(record("good-" + i, goodPair(shapes, i)));
            }
            p.flush();
        }

        ServiceConfig config = ServiceConfig.parse(
                new String[] {
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--batch-size",
                    "" + BATCH,
                    "--queue-size",
                    "128",
                    "--max-steps",
                    "" + STEPS,
                    "--report-every",
                    "2",
                    "--checkpoint-dir",
                    "",
                    "--metrics-port",
                    "0",
                    "--window-size",
                    "64",
                    "--device",
                    "cpu",
                    "--probe-fraction",
                    "0",
                    "--image-size",
                    "16",
                    "--encoder-width",
                    "8",
                    "--stream-threads",
                    "2"
                },
                Map.of());
        try (ContrastreamService service = ContrastreamService.start(config)) {
            assertThat(service.done().get(3, TimeUnit.MINUTES)).isEqualTo(STEPS);
            assertThat(service.failed()).isNotDone();
            assertThat(service.session().counts().deadLetters()).isEqualTo(bad.size() + 1 + 1 + BATCH);
        } finally {
            System.clearProperty(FaultInjection.KEY_PROPERTY);
        }

        Map<String, ConsumerRecord<byte[], byte[]>> dead =
                KafkaTestSupport.readAllPartitions(kafka.bootstrapServers(), "image-pairs-dlq", bad.size() + 2 + BATCH)
                        .stream()
                        .collect(Collectors.toMap(r -> key(r), r -> r, (a, b) -> a, LinkedHashMap::new));
        reason.forEach((k, why) -> {
            assertThat(dead).as("dead letter of " + k).containsKey(k);
            assertThat(KafkaTestSupport.header(dead.get(k), DeadLetterHeaders.REASON))
                    .as(k)
                    .isEqualTo(why);
            assertThat(KafkaTestSupport.header(dead.get(k), DeadLetterHeaders.MESSAGE))
                    .as(k)
                    .isNotBlank();
        });
        assertThat(KafkaTestSupport.header(dead.get("kcat-garbage"), DeadLetterHeaders.REASON))
                .isEqualTo("not_json");
        assertThat(KafkaTestSupport.header(dead.get("k".repeat(1024)), DeadLetterHeaders.REASON))
                .isEqualTo("key_too_long");

        ConsumerRecord<byte[], byte[]> cut = dead.get("six-megabytes");
        assertThat(cut.value()).hasSize(config.recordLimits().maxDeadLetterBytes());
        assertThat(KafkaTestSupport.header(cut, DeadLetterHeaders.ORIGINAL_SIZE))
                .isEqualTo("" + sixMegabytes.length);
        assertThat(KafkaTestSupport.header(cut, DeadLetterHeaders.ORIGINAL_SHA256))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(sixMegabytes)));

        assertThat(KafkaTestSupport.header(dead.get("poisoned"), DeadLetterHeaders.REASON))
                .isEqualTo("processing_error");
        assertThat(KafkaTestSupport.header(dead.get("poisoned"), DeadLetterHeaders.MESSAGE))
                .contains("injected fault");
        // The poisoned pair's whole batch went (which pairs joined it depends on the two threads).
        assertThat(dead.values().stream()
                        .filter(r -> "processing_error".equals(KafkaTestSupport.header(r, DeadLetterHeaders.REASON))))
                .as("pairs of the batch whose step threw")
                .hasSize(BATCH);

        Set<String> trained =
                KafkaTestSupport.readAllPartitions(kafka.bootstrapServers(), "image-embeddings", STEPS * BATCH).stream()
                        .map(UglyInputIT::key)
                        .collect(Collectors.toSet());
        assertThat(trained).as("every unusual image trained").containsAll(unusual.keySet());
        assertThat(trained).hasSize(STEPS * BATCH).doesNotContain("poisoned").doesNotContainAnyElementsOf(bad.keySet());
    }

    static void bad(Map<String, byte[]> bad, Map<String, String> reason, String key, byte[] value, String why) {
        bad.put(key, value);
        reason.put(key, why);
    }

    static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(INPUT, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** A record for partition 0, in the order sent. */
    static ProducerRecord<byte[], byte[]> first(String key, byte[] value) {
        return new ProducerRecord<>(INPUT, 0, key.getBytes(StandardCharsets.UTF_8), value);
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "gzip",
                // The client checks the uncompressed size; the broker only sees the compressed batch.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                16 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                64L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    static byte[] goodPair(SyntheticDataset shapes, int i) {
        byte[] a = ImageCodec.encode(shapes.get(i % shapes.size()).image(), ImageFormat.PNG);
        return ImagePairCodec.encode(
                new ImagePair(a, a, shapes.get(i % shapes.size()).label(), null));
    }

    static byte[] pair(byte[] view1, byte[] view2) {
        return ImagePairCodec.encode(new ImagePair(view1, view2, 2, null));
    }

    static BufferedImage drawn(int type, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 160, 90, 200));
        g.fillOval(w / 6, h / 6, 2 * w / 3, 2 * h / 3);
        g.dispose();
        return img;
    }

    static BufferedImage grey16(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        Random rng = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, rng.nextInt(65536));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    static byte[] progressiveJpeg(BufferedImage img) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG signature and header claiming the given size, and nothing after it. */
    static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height);
        b.put(new byte[] {8, 0, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** With kcat, as an outside client would; without it (tools not required), with the Java producer. */
    static void produceWithKcat(String key, String value) throws Exception {
        if (!ExternalTools.available("kcat", "kcat")) {
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                p.send(record(key, value.getBytes(StandardCharsets.UTF_8))).get();
            }
            return;
        }
        Path file = Files.writeString(tmp.resolve("kcat.txt"), key + ":" + value + "\n");
        Process p = new ProcessBuilder(
                        "kcat", "-P", "-b", kafka.bootstrapServers(), "-t", INPUT, "-K:", "-l", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor())
                .as("kcat failed (is it installed? .ci/run installs it): " + output)
                .isZero();
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }
}
