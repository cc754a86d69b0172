package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.service.topology.ResumingClientSupplier;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The rewind to the checkpoint, on a real broker: a consumer the service's client supplier makes
 * starts a restored partition where the model's input has reached although the group committed
 * past it, and commits that position at once. Without the commit, a partition that moved to
 * another stream thread before the first read it would resume at the old commit, past records no
 * model learned (the crash tests cannot force that interleaving; this checks its cause).
 */
class ResumingClientSupplierIT {

    static final String TOPIC = "rewind-input";
    static final String GROUP = "rewind-group";

    @Test
    void aRestoredPartitionStartsAtTheCheckpointAndTheGroupCommitsIt() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            kafka.createTopics(1, List.of(TOPIC));
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 120; i++) {
                    p.send(new ProducerRecord<>(TOPIC, 0, null, new byte[] {(byte) i}));
                }
            }
            // The killed run's commit ran ahead of its checkpoint: committed 100, checkpoint at 50.
            kafka.admin()
                    .alterConsumerGroupOffsets(GROUP, Map.of(tp, new OffsetAndMetadata(100)))
                    .all()
                    .get();

            Map<String, Object> config = new HashMap<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    GROUP,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class));
            ResumingClientSupplier supplier = new ResumingClientSupplier(Set.of(tp), partition -> 50L);
            try (Consumer<byte[], byte[]> consumer = supplier.getConsumer(config)) {
                consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
                });
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Long first = null;
                while (first == null && System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    first = records.isEmpty() ? null : records.iterator().next().offset();
                }
                assertThat(first)
                        .as("the first record read: the checkpoint's, not the commit's")
                        .isEqualTo(50L);
                assertThat(consumer.committed(Set.of(tp)).get(tp).offset())
                        .as("the group's committed offset: where any other member would start")
                        .isEqualTo(50L);
            }
        }
    }
}
