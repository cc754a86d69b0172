package io.contrastream.service.topology;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka clients for the service's Kafka Streams instance, with one difference from the defaults:
 * when the main consumer is first assigned a partition, it starts reading at the restored
 * checkpoint's position if Kafka's committed offset is past it (or missing). Offsets are committed
 * for records Kafka Streams has processed, and some of those (pairs waiting for a batch, records
 * after the last checkpoint) are not in the checkpoint; without the rewind a crash would lose them.
 * A committed offset behind the position needs no seek: the session skips the records it has
 * already learned, and dead letters among them are sent again rather than lost.
 *
 * <p>The seek happens in the rebalance listener, the place Kafka's consumer documents for offsets
 * stored outside Kafka; it needs no Admin call and no empty group, so a restart after
 * {@code kill -9} does not wait for the dead member's session to time out.
 */
public final class ResumingClientSupplier implements KafkaClientSupplier {

    private static final Logger log = LoggerFactory.getLogger(ResumingClientSupplier.class);

    private final Map<TopicPartition, Long> pending;

    /** @param positions per input partition, where the restored checkpoint's input ends */
    public ResumingClientSupplier(Map<TopicPartition, Long> positions) {
        this.pending = new ConcurrentHashMap<>(positions);
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new ResumingConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return getRestoreConsumer(config);
    }

    /** The main consumer: Kafka's own, with the rewind on first assignment. */
    private final class ResumingConsumer extends KafkaConsumer<byte[], byte[]> {

        ResumingConsumer(Map<String, Object> config) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
            super.subscribe(topics, resumingAfter(listener));
        }

        @Override
        public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
            super.subscribe(pattern, resumingAfter(listener));
        }

        private ConsumerRebalanceListener resumingAfter(ConsumerRebalanceListener streams) {
            return new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    streams.onPartitionsRevoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    streams.onPartitionsAssigned(partitions);
                    rewind(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    streams.onPartitionsLost(partitions);
                }
            };
        }

        private void rewind(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Long position = pending.remove(tp);
                if (position != null) {
                    positions.put(tp, position);
                }
            }
            if (positions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committed(positions.keySet()); // one request
            positions.forEach((tp, position) -> {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null || c.offset() > position) {
                    log.info(
                            "{}: resuming at offset {}, where the checkpoint's input ends (committed: {})",
                            tp,
                            position,
                            c == null ? "none" : c.offset());
                    seek(tp, position);
                }
            });
        }
    }
}
