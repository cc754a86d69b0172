package io.contrastream.service.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which input records the model's state accounts for, saved in every checkpoint with it.
 *
 * <p>Per input partition it keeps the <em>position</em>: every record below it has been learned
 * (or held out, or dead-lettered) by the state it is saved with, and no record at or above it has
 * been learned. On restart the service starts each partition there, whatever Kafka's committed offset
 * says: records below the position that Kafka replays are skipped (never learned twice), records
 * at and above it are read again (never lost).
 *
 * <p>It also keeps an order-independent digest of the records learned, a sum of a 64-bit hash of
 * each one's (topic, partition, offset), and their count: two runs learned the same multiset of
 * records exactly when both agree (up to a 2^-64 chance), which is how the crash test proves
 * "exactly once" without listing every record.
 *
 * <p>The session updates it under its lock; {@link #reached} may be read from any thread (the
 * consumers' rebalance listeners).
 */
public final class InputLedger {

    private final Map<TopicPartition, Long> restored;
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private long learned;
    private long digest;

    /** An empty ledger: nothing learned yet. */
    public InputLedger() {
        this(Map.of(), 0, 0);
    }

    private InputLedger(Map<TopicPartition, Long> restored, long learned, long digest) {
        this.restored = Map.copyOf(restored);
        this.next.putAll(restored);
        this.learned = learned;
        this.digest = digest;
    }

    /**
     * True if the record is below where its partition's input has reached: the restored state
     * accounts for it, or this run has seen it already. Kafka reads such a record again after a
     * restart (from a commit behind the checkpoint), or after a partition moved between stream
     * threads without a commit of what the first one had read (a lost task); learned again, it
     * would count twice.
     */
    public boolean accountedFor(TopicPartition partition, long offset) {
        Long position = next.get(partition);
        return position != null && offset < position;
    }

    /**
     * Where the partition's input has reached: the first record neither the restored state nor
     * this run has seen; null for a partition it knows nothing of.
     */
    public Long reached(TopicPartition partition) {
        return next.get(partition);
    }

    /** The record has reached the session (learned, held out or waiting in a batch). */
    public void seen(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** The record went through a training step. */
    public void learned(TopicPartition partition, long offset) {
        learned++;
        digest += fingerprint(partition, offset);
    }

    /**
     * The positions to save now: one past the last record seen in each partition, lowered to the
     * first record still waiting for a batch, since the state being saved has not learned it.
     *
     * @param firstWaiting per partition, the offset of its first record waiting for a batch
     */
    public Map<TopicPartition, Long> positions(Map<TopicPartition, Long> firstWaiting) {
        Map<TopicPartition, Long> out = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
        out.putAll(next);
        firstWaiting.forEach((tp, offset) -> out.merge(tp, offset, Math::min));
        return out;
    }

    /** Positions the ledger was restored with: where each partition must resume. */
    public Map<TopicPartition, Long> restoredPositions() {
        return restored;
    }

    public long learnedCount() {
        return learned;
    }

    public long digest() {
        return digest;
    }

    /** A record's 64-bit hash in the digest (SplitMix64 of its topic, partition and offset). */
    public static long fingerprint(TopicPartition partition, long offset) {
        long z = (31L * partition.topic().hashCode() + partition.partition()) * 0x9E3779B97F4A7C15L + offset;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Writes the ledger as {@link #read} reads it, with the given positions. */
    public void write(DataOutputStream out, Map<TopicPartition, Long> positions) throws IOException {
        out.writeLong(learned);
        out.writeLong(digest);
        out.writeInt(positions.size());
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            out.writeUTF(e.getKey().topic());
            out.writeInt(e.getKey().partition());
            out.writeLong(e.getValue());
        }
    }

    public static InputLedger read(DataInputStream in) throws IOException {
        long learned = in.readLong();
        long digest = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("corrupt input ledger: " + n + " partitions");
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            positions.put(new TopicPartition(in.readUTF(), in.readInt()), in.readLong());
        }
        return new InputLedger(positions, learned, digest);
    }
}
