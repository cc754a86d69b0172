package io.contrastream.producer.publish;

import io.contrastream.wire.ProbeImageCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a {@link ProbeSource}'s records to the probe topic, once each; flushes before returning. */
public final class ProbePublisher {

    private static final Logger log = LoggerFactory.getLogger(ProbePublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public ProbePublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** @param progress where progress goes, or null for none */
    public PublishSummary publish(ProbeSource source, ProgressBar progress, BooleanSupplier stop) {
        long start = System.nanoTime();
        AckCounter acks = new AckCounter(log, topic);
        long sent = 0;
        while (source.hasNext() && !stop.getAsBoolean()) {
            ProbeSource.Keyed next = source.next();
            producer.send(
                    new ProducerRecord<>(
                            topic, next.id().getBytes(StandardCharsets.UTF_8), ProbeImageCodec.encode(next.probe())),
                    acks.callback());
            sent++;
            if (progress != null) {
                progress.update(sent, "evaluation set");
            }
        }
        producer.flush();
        if (progress != null) {
            progress.finish(sent, acks.failed() > 0 ? acks.failed() + " FAILED" : "evaluation set");
        }
        return new PublishSummary(acks.acked(), acks.failed(), (System.nanoTime() - start) / 1e9);
    }
}
