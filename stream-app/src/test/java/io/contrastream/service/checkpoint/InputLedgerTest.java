package io.contrastream.service.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLedgerTest {

    static final TopicPartition P0 = new TopicPartition("image-pairs", 0);
    static final TopicPartition P1 = new TopicPartition("image-pairs", 1);

    @Test
    void positionsStopAtTheFirstPairStillWaitingForABatch() {
        InputLedger ledger = new InputLedger();
        for (long offset = 0; offset < 10; offset++) {
            ledger.seen(P0, offset);
        }
        ledger.seen(P1, 4);
        assertThat(ledger.positions(Map.of())).containsExactly(Map.entry(P0, 10L), Map.entry(P1, 5L));
        assertThat(ledger.positions(Map.of(P0, 7L))).containsEntry(P0, 7L).containsEntry(P1, 5L);
    }

    @Test
    void theDigestIsTheSameInAnyOrderAndDiffersForALostOrRepeatedRecord() {
        InputLedger forward = new InputLedger();
        InputLedger backward = new InputLedger();
        InputLedger repeated = new InputLedger();
        for (long offset = 0; offset < 100; offset++) {
            forward.learned(P0, offset);
            backward.learned(P0, 99 - offset);
            repeated.learned(P0, offset == 42 ? 41 : offset); // 42 lost, 41 learned twice
        }
        assertThat(backward.digest()).isEqualTo(forward.digest());
        assertThat(backward.learnedCount()).isEqualTo(forward.learnedCount()).isEqualTo(100);
        assertThat(repeated.learnedCount()).isEqualTo(100);
        assertThat(repeated.digest()).isNotEqualTo(forward.digest());
    }

    @Test
    void aRestoredLedgerSaysWhichRecordsItsStateHasLearned() throws IOException {
        InputLedger ledger = new InputLedger();
        ledger.learned(P0, 3);
        ledger.seen(P0, 3);
        InputLedger restored = roundTrip(ledger, Map.of(P0, 4L, P1, 0L));
        assertThat(restored.accountedFor(P0, 3)).isTrue();
        assertThat(restored.accountedFor(P0, 4)).isFalse();
        assertThat(restored.accountedFor(P1, 0)).isFalse();
        assertThat(restored.accountedFor(new TopicPartition("other", 0), 0)).isFalse();
        assertThat(restored.restoredPositions()).isEqualTo(Map.of(P0, 4L, P1, 0L));
        assertThat(restored.learnedCount()).isEqualTo(1);
        assertThat(restored.digest()).isEqualTo(InputLedger.fingerprint(P0, 3));
        // Partitions the new run never reads keep their restored position in the next checkpoint.
        assertThat(restored.positions(Map.of())).containsEntry(P1, 0L).containsEntry(P0, 4L);
    }

    /** A partition read again in this run (moved between stream threads, no commit) is not learned twice. */
    @Test
    void recordsThisRunHasReadAreAccountedForAsTheRestoredOnesAre() {
        InputLedger ledger = new InputLedger();
        assertThat(ledger.reached(P0)).isNull();
        for (long offset = 0; offset < 5; offset++) {
            ledger.seen(P0, offset);
        }
        assertThat(ledger.reached(P0)).isEqualTo(5L);
        assertThat(ledger.accountedFor(P0, 4)).isTrue();
        assertThat(ledger.accountedFor(P0, 5)).isFalse();
        assertThat(ledger.accountedFor(P1, 0)).isFalse();
    }

    @Test
    void theCheckpointCarriesTheLedgerAheadOfTheModel(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "shape", 2);
        InputLedger ledger = new InputLedger();
        ledger.learned(P0, 0);
        store.save(1, ledger, Map.of(P0, 1L), out -> out.writeUTF("model state"));
        CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
        assertThat(latest.step()).isEqualTo(1);
        assertThat(latest.ledger().restoredPositions()).isEqualTo(Map.of(P0, 1L));
        assertThat(latest.ledger().learnedCount()).isEqualTo(1);
        assertThat(latest.payload().readUTF()).isEqualTo("model state");
    }

    static InputLedger roundTrip(InputLedger ledger, Map<TopicPartition, Long> positions) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ledger.write(new DataOutputStream(bytes), positions);
        return InputLedger.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
