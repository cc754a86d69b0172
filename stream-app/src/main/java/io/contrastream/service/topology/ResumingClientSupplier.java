package io.contrastream.service.topology;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * when a main consumer is first assigned a partition of the restored checkpoint, it starts reading
 * where the model's input has reached (the checkpoint's position, or past it once this run has
 * read on) if Kafka's committed offset is past that (or missing), and commits that offset. Offsets
 * are committed for records Kafka Streams has processed, and some of those (pairs waiting for a
 * batch, records after the last checkpoint) are not in the checkpoint; without the rewind a crash
 * would lose them. Without the commit, a partition that moves to another stream thread before the
 * first one has processed a record of it would resume there from the old committed offset, past
 * records nobody learned. A committed offset behind the position needs no seek: the session skips
 * the records it has already learned, and dead letters among them are sent again rather than lost.
 *
 * <p>The seek happens in the rebalance listener, the place Kafka's consumer documents for offsets
 * stored outside Kafka; it needs no Admin call and no empty group, so a restart after
 * {@code kill -9} does not wait for the dead member's session to time out.
 */
public final class ResumingClientSupplier implements KafkaClientSupplier {

    private static final Logger log = LoggerFactory.getLogger(ResumingClientSupplier.class);

    private final Set<TopicPartition> pending;
    private final Function<TopicPartition, Long> reached;

    /**
     * @param restored the input partitions of the restored checkpoint
     * @param reached per partition, the first record the model has neither learned nor read
     */
    public ResumingClientSupplier(Set<TopicPartition> restored, Function<TopicPartition, Long> reached) {
        this.pending = ConcurrentHashMap.newKeySet();
        this.pending.addAll(restored);
        this.reached = reached;
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
                Long position = pending.contains(tp) ? reached.apply(tp) : null;
                if (position != null) {
                    positions.put(tp, position);
                }
            }
            if (positions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committed(positions.keySet()); // one request
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            positions.forEach((tp, position) -> {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null || c.offset() > position) {
                    log.info(
                            "{}: resuming at offset {}, where the checkpoint's input ends (committed: {})",
                            tp,
                            position,
                            c == null ? "none" : c.offset());
                    seek(tp, position);
                    rewound.put(tp, new OffsetAndMetadata(position));
                } else {
                    pending.remove(tp);
                }
            });
            if (rewound.isEmpty()) {
                return;
            }
            try {
                commitSync(rewound);
                pending.removeAll(rewound.keySet());
            } catch (RuntimeException e) {
                // Left pending: the next assignment of these partitions rewinds again, to where the
                // model has reached by then (never before a record it has read: no record twice).
                log.warn(
                        "committing the rewound offsets of {} failed; will rewind again on reassignment: {}",
                        rewound.keySet(),
                        e.toString());
            }
        }
    }
}
