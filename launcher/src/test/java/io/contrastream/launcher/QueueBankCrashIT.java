package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.MetricsTopicRecords;
import io.contrastream.wire.Statistic;
import java.util.List;

/**
 * {@link CrashIT} with the default bank, a FIFO queue of keys: the same ten kills, the same
 * exactly-once accounting of every good record, and each restart must restore the queue from the
 * checkpoint (its fill, reported every step; that the device copy matches the restored ring is
 * {@code DeviceQueueTest}'s).
 */
class QueueBankCrashIT extends CrashIT {

    @Override
    String bank() {
        return "queue";
    }

    /**
     * Each step adds its batch's keys to the queue, so after step s it holds min(capacity, BATCH x
     * s) keys, in every run: a restart that lost the queue would report it emptier for the 16
     * steps that follow (the service reports every step).
     */
    @Override
    void assertTheBankCameBackAtEveryRestart() {
        List<MetricsRecord> reports =
                KafkaTestSupport.readAllPartitions(kafka.bootstrapServers(), "contrastive-metrics", GOOD / BATCH / 2)
                        .stream()
                        .filter(r -> MetricsTopicRecords.REPORT.equals(MetricsTopicRecords.typeOf(r.value())))
                        .map(r -> MetricsRecordCodec.decode(r.value()))
                        .toList();
        // A killed run may take its last reports with it, unsent: not every step has one.
        assertThat(reports).as("reports of the steps").hasSizeGreaterThanOrEqualTo(GOOD / BATCH / 2);
        for (MetricsRecord r : reports) {
            double filled = Math.min(1.0, BATCH * r.step() / (double) KafkaTestSupport.SMALL_BANK);
            assertThat(r.get(Statistic.BANK_FILL))
                    .as("queue fill reported at step %d", r.step())
                    .isCloseTo(filled, within(1e-9));
        }
    }
}
