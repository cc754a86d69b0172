package io.contrastream.service.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.SourceRecord;
import io.contrastream.service.training.OnlineTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads, each feeding one input partition as a stream thread does, hand pairs to one session
 * at once while its steps run on the trainer thread. The checkpoint's ledger must then say, per
 * partition, that exactly the records below its position were learned, each once: no pair lost
 * or trained twice in the hand-off, and positions that a restart can resume from.
 */
class SeveralStreamThreadsTest {

    static final String[] SMALL = {
        "--batch-size", "8", "--report-every", "2", "--queue-size", "40", "--image-size", "16",
        "--encoder-width", "8", "--embedding-dim", "32", "--window-size", "64", "--device", "cpu",
        "--metrics-port", "-1", "--sampled-anchors", "4", "--probe-fraction", "0", "--checkpoint-every", "5"
    };

    static final int THREADS = 4;
    static final int PER_PARTITION = 61; // 244 pairs: 30 batches of 8 and 4 left waiting

    @TempDir
    Path dir;

    @Test
    void pairsHandedOverByFourThreadsAreEachLearnedOnceInPartitionOrder() throws Exception {
        ServiceConfig config = ServiceConfig.parse(SMALL, Map.of());
        CheckpointStore store = new CheckpointStore(dir, config.modelFingerprint(), 3);
        TrainingSession session = ContrastreamService.newSession(
                config,
                OnlineTrainer.create(config.trainer()),
                store,
                new InputLedger(),
                ContrastreamService.evaluation(config, null),
                System::currentTimeMillis);
        AtomicLong published = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> feeders = new ArrayList<>();
        for (int p = 0; p < THREADS; p++) {
            TopicPartition tp = new TopicPartition("image-pairs", p);
            Thread t = new Thread(() -> {
                Random rng = new Random(tp.partition());
                int pixels = config.trainer().encoder().pixelsPerImage();
                await(start);
                for (int offset = 0; offset < PER_PARTITION; offset++) {
                    TrainingSession.Outcome o = session.accept(pair(rng, pixels, tp, offset));
                    published.addAndGet(o.step() == null ? 0 : o.step().batchSize());
                }
            });
            t.start();
            feeders.add(t);
        }
        start.countDown();
        for (Thread t : feeders) {
            t.join(120_000);
        }
        while (session.stepInFlight()) {
            TrainingSession.Outcome o = session.poll();
            published.addAndGet(o.step() == null ? 0 : o.step().batchSize());
            Thread.sleep(2);
        }
        int total = THREADS * PER_PARTITION;
        int waiting = total % 8;
        assertThat(session.buffered()).isEqualTo(waiting);
        assertThat(published.get()).as("pairs whose step was published").isEqualTo(total - waiting);
        assertThat(session.checkpointsWritten()).as("checkpoints every 5 steps").isEqualTo(6);
        session.checkpoint(); // positions of pairs that came after the step-30 checkpoint, if any
        session.close();

        InputLedger ledger = store.latest().orElseThrow().ledger();
        Map<TopicPartition, Long> positions = ledger.restoredPositions();
        assertThat(positions).hasSize(THREADS);
        long digest = 0;
        long learned = 0;
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            assertThat(e.getValue()).isBetween((long) PER_PARTITION - waiting, (long) PER_PARTITION);
            for (long offset = 0; offset < e.getValue(); offset++) {
                digest += InputLedger.fingerprint(e.getKey(), offset);
                learned++;
            }
        }
        assertThat(learned).as("records below the positions").isEqualTo(total - waiting);
        assertThat(ledger.learnedCount()).isEqualTo(total - waiting);
        assertThat(ledger.digest())
                .as("exactly the records below each position, each once")
                .isEqualTo(digest);
    }

    static DecodedPair pair(Random rng, int pixels, TopicPartition tp, long offset) {
        float[] v1 = new float[pixels];
        float[] v2 = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            v1[i] = rng.nextFloat();
            v2[i] = Math.min(1f, v1[i] + 0.05f * rng.nextFloat());
        }
        String id = tp.partition() + "-" + offset;
        return new DecodedPair(id, v1, v2, rng.nextInt(5))
                .from(new SourceRecord(tp, offset, 0L, id.getBytes(), new byte[0], new RecordHeaders()));
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
