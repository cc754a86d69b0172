package io.contrastream.service.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The memory bank: a FIFO ring of the most recent keys (MoCo-style), each with the label of its
 * sample or {@link #NO_LABEL}. The capacity need not be a multiple of the batch size: a batch
 * that crosses the end of the ring wraps around, and once full each new key replaces the oldest.
 * Kept on the Java heap so that it is cheap to checkpoint and to test; the trainer copies the
 * filled rows to the device each step (capacity x dim floats, small next to a forward pass).
 */
public final class NegativeQueue {

    public static final int NO_LABEL = -1;

    private final int capacity;
    private final int dim;
    private final float[] keys;
    private final int[] labels;
    private int head;
    private int size;

    public NegativeQueue(int capacity, int dim) {
        if (capacity < 0 || dim < 1) {
            throw new IllegalArgumentException("capacity >= 0 and dim >= 1");
        }
        this.capacity = capacity;
        this.dim = dim;
        this.keys = new float[capacity * dim];
        this.labels = new int[capacity];
        Arrays.fill(labels, NO_LABEL);
    }

    /** Appends {@code count} keys (row-major, {@code dim} floats each), evicting the oldest. */
    public void enqueue(float[] newKeys, int[] newLabels, int count) {
        if (capacity == 0) {
            return;
        }
        // Only the last `capacity` keys of an oversized batch survive, so skip the rest.
        int skip = Math.max(0, count - capacity);
        for (int i = skip; i < count; i++) {
            System.arraycopy(newKeys, i * dim, keys, head * dim, dim);
            labels[head] = newLabels[i];
            head = (head + 1) % capacity;
        }
        size = Math.min(capacity, size + count);
    }

    /** Number of filled slots. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int dim() {
        return dim;
    }

    public double fillRatio() {
        return capacity == 0 ? 1.0 : (double) size / capacity;
    }

    /**
     * The filled keys, row-major, in slot order (not age order: the order of negatives does not
     * matter to the loss). Before the ring is full, the filled slots are the first {@code size}.
     */
    public float[] keys() {
        return size == capacity ? keys : Arrays.copyOf(keys, size * dim);
    }

    /** Labels of {@link #keys()}, row for row. */
    public int[] labels() {
        return size == capacity ? labels : Arrays.copyOf(labels, size);
    }

    /** Keys from oldest to newest; for tests and inspection. */
    public float[][] keysOldestFirst() {
        float[][] out = new float[size][];
        int oldest = size == capacity ? head : 0;
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % capacity;
            out[i] = Arrays.copyOfRange(keys, slot * dim, (slot + 1) * dim);
        }
        return out;
    }

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(dim);
        out.writeInt(head);
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            out.writeFloat(keys[i]);
        }
        for (int label : labels) {
            out.writeInt(label);
        }
    }

    /** Restores a queue written by {@link #writeTo}; refuses one of another shape. */
    public void readFrom(DataInputStream in) throws IOException {
        int c = in.readInt();
        int d = in.readInt();
        if (c != capacity || d != dim) {
            throw new IOException(
                    "checkpointed bank is " + c + "x" + d + " but this service uses " + capacity + "x" + dim);
        }
        head = in.readInt();
        size = in.readInt();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = in.readFloat();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = in.readInt();
        }
    }
}
