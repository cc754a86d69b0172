package io.contrastream.launcher;

import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.publish.PublishSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writing to and reading from a real broker, and waiting on real servers, in integration tests. */
final class KafkaTestSupport {

    private KafkaTestSupport() {}

    /**
     * The small model the fault tests train (16-px grey images, width 8, 32-d embeddings, a
     * 256-key bank, no held-out probe: every good pair is learned), and then {@code more}.
     */
    static final int SMALL_BANK = 256;

    static String[] smallModelArgs(String bootstrap, int batch, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                bootstrap,
                "--batch-size",
                "" + batch,
                "--queue-size",
                "" + SMALL_BANK,
                "--image-size",
                "16",
                "--encoder-width",
                "8",
                "--embedding-dim",
                "32",
                "--window-size",
                "64",
                "--probe-fraction",
                "0",
                "--metrics-port",
                "-1",
                "--device",
                "cpu"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Publishes {@code pairs} keyed pairs of 16-px synthetic shapes, and then {@code more} options. */
    static PublishSummary publishSynthetic(String bootstrap, long pairs, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                bootstrap,
                "--dataset",
                "synthetic",
                "--synthetic-size",
                "500",
                "--output-size",
                "16",
                "--epochs",
                "0",
                "--limit",
                "" + pairs,
                "--progress",
                "false"));
        args.addAll(List.of(more));
        return ProducerApp.run(
                PublisherConfig.parse(args.toArray(String[]::new), Map.of()), () -> false, null, s -> false);
    }

    /** A plain producer of raw bytes. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** A header's value as text, or null. */
    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Whether a Prometheus-style server answers 200 on {@code /-/ready} at the port. */
    static boolean ready(int port) {
        try {
            return HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every partition of a topic from the start: at least {@code atLeast} records, or all within 30 s. */
    static List<ConsumerRecord<byte[], byte[]>> readAllPartitions(String bootstrap, String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** Partition 0 of a topic from the start: at least {@code atLeast} records, or all within 30 s. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int atLeast) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
