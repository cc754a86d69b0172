package io.contrastream.producer.publish;

import io.contrastream.wire.ImagePairCodec;
import io.contrastream.wire.PairFormat;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pairs from a {@link PairSource} to a topic according to a {@link PublishPlan}, pacing
 * them when a rate is set, showing progress, and counting what the broker acknowledged.
 */
public final class PairPublisher {

    private static final Logger log = LoggerFactory.getLogger(PairPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final PairFormat format;

    public PairPublisher(Producer<byte[], byte[]> producer, String topic, PairFormat format) {
        this.producer = producer;
        this.topic = topic;
        this.format = format;
    }

    /**
     * Publishes until the plan is done or {@code stop} says so; flushes before returning.
     *
     * @param progress where progress goes, or null for none
     * @param holdBack asked with the number of pairs sent so far; while it answers true the
     *     publisher waits (a consumer that wants the producer no further than N pairs ahead)
     */
    public PublishSummary publish(
            PairSource source,
            PublishPlan plan,
            int datasetSize,
            ProgressBar progress,
            BooleanSupplier stop,
            LongPredicate holdBack) {
        long total = plan.total(datasetSize);
        long start = System.nanoTime();
        AckCounter acks = new AckCounter(log, topic);
        long sent = 0;
        while ((total == 0 || sent < total) && !stop.getAsBoolean()) {
            if (plan.ratePerSecond() > 0) {
                pace(start, sent, plan.ratePerSecond());
            }
            if (holdBack.test(sent)) {
                sleepMillis(20);
                continue;
            }
            PairSource.Keyed next = source.next();
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            next.id().getBytes(StandardCharsets.UTF_8),
                            ImagePairCodec.encode(next.pair(), format)),
                    acks.callback());
            sent++;
            if (progress != null) {
                progress.update(sent, "epoch " + source.epoch() + (plan.epochs() > 0 ? "/" + plan.epochs() : ""));
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (progress != null) {
            progress.finish(
                    sent, "epoch " + source.epoch() + (acks.failed() > 0 ? ", " + acks.failed() + " FAILED" : ""));
        }
        return new PublishSummary(acks.acked(), acks.failed(), seconds);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pace(long startNanos, long sent, double rate) {
        long due = startNanos + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
