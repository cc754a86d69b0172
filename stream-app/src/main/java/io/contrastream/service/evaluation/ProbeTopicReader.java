package io.contrastream.service.evaluation;

import io.contrastream.service.input.ProbeDecoder;
import io.contrastream.service.topology.DeadLetters;
import io.contrastream.service.topology.RecordLimits;
import io.contrastream.service.topology.RejectionLog;
import io.contrastream.wire.ProbeRole;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link CleanSet} in step with the compacted probe topic, on its own thread, so neither
 * the network nor decoding ever waits on the training thread. It reads every partition from the
 * beginning without a consumer group (every instance needs the whole set, and a restart reads it
 * again: it is small and compacted), and follows the topic from then on. A record that cannot be
 * decoded goes to the dead-letter topic with its reason, like a bad training pair; a tombstone
 * removes its id. A broker that goes away is waited for by the clients' own retries.
 */
public final class ProbeTopicReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long TOPIC_RETRY_MILLIS = 2000;

    private final String topic;
    private final String deadLetterTopic;
    private final ProbeDecoder decoder;
    private final CleanSet set;
    private final RecordLimits limits;
    private final Consumer<RejectReason> onDeadLetter;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final RejectionLog rejections = new RejectionLog(log);
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;

    /**
     * @param clientProperties bootstrap servers and the user's pass-through client properties
     * @param onDeadLetter told of each record sent to the dead-letter topic (from this reader's thread)
     */
    public ProbeTopicReader(
            String topic,
            String deadLetterTopic,
            Properties clientProperties,
            ProbeDecoder decoder,
            CleanSet set,
            RecordLimits limits,
            Consumer<RejectReason> onDeadLetter) {
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.decoder = decoder;
        this.set = set;
        this.limits = limits;
        this.onDeadLetter = onDeadLetter;
        Properties c = new Properties();
        c.putAll(clientProperties);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(c);
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, limits.producerMaxRequestBytes());
        this.producer = new KafkaProducer<>(p);
        this.thread = new Thread(this::run, "probe-reader");
        this.thread.setDaemon(true);
    }

    public synchronized ProbeTopicReader start() {
        started = true;
        thread.start();
        return this;
    }

    /** The consumer is this thread's alone (Kafka consumers are single-threaded): it closes it too. */
    private void run() {
        try {
            if (!assignAll()) {
                return;
            }
            log.info("reading the clean evaluation set from topic '{}'", topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    take(r);
                }
                if (end != null
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    end = null;
                    set.markLoaded();
                    log.info(
                            "loaded the clean evaluation set: {} references and {} queries kept",
                            set.size(ProbeRole.REFERENCE),
                            set.size(ProbeRole.QUERY));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the probe topic reader stopped; evaluations use the set as it was", e);
            set.markLoaded();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until the topic exists, then reads all of its partitions from the beginning. */
    private boolean assignAll() {
        boolean waitingLogged = false;
        while (running) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> all = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(all);
                consumer.seekToBeginning(all);
                return true;
            }
            if (!waitingLogged) {
                waitingLogged = true;
                log.warn("probe topic '{}' does not exist yet; waiting for it (contrastream produce --probe)", topic);
            }
            try {
                Thread.sleep(TOPIC_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (id == null) {
            deadLetter(r, RejectReason.BAD_FIELD, "a probe record needs its sample id as the key");
            return;
        }
        if (r.value() == null) {
            set.remove(id);
            return;
        }
        try {
            set.put(decoder.decode(id, r.value()));
        } catch (WireFormatException e) {
            deadLetter(r, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("decoding probe record {} threw; it goes to the dead-letter topic", id, e);
            deadLetter(r, RejectReason.PROCESSING_ERROR, "decoding failed: " + e);
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, RejectReason reason, String message) {
        Record<Object, Object> copy = DeadLetters.copyOf(
                r.key(),
                r.value(),
                r.timestamp(),
                r.headers(),
                r.topic(),
                r.partition(),
                r.offset(),
                reason,
                message,
                limits);
        producer.send(
                new ProducerRecord<>(
                        deadLetterTopic,
                        null,
                        copy.timestamp(),
                        (byte[]) copy.key(),
                        (byte[]) copy.value(),
                        copy.headers()),
                (meta, e) -> {
                    if (e != null) {
                        log.error(
                                "dead letter of probe record at {}-{}@{} not sent: {}",
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                e.getMessage());
                    }
                });
        onDeadLetter.accept(reason);
        rejections.log(
                r.key() == null
                        ? r.topic() + "-" + r.partition() + "@" + r.offset()
                        : new String(r.key(), StandardCharsets.UTF_8),
                reason,
                message);
    }

    @Override
    public synchronized void close() {
        running = false;
        if (started) {
            consumer.wakeup();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
        producer.close(Duration.ofSeconds(5));
    }
}
