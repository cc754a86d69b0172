package io.contrastream.service.vectors;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A FIFO ring of the most recent vectors, each with the label of its sample or {@link #NO_LABEL}:
 * the trainer's memory bank of negative keys (MoCo-style) and the statistics' window of recent
 * embeddings. The capacity need not be a multiple of the batch size: a batch that crosses the end
 * of the ring wraps around, and once full each new vector replaces the oldest. Kept on the Java
 * heap so that it is cheap to checkpoint and to test; as the trainer's bank it has a copy on the
 * device that follows it (DeviceQueue).
 */
public final class VectorQueue {

    public static final int NO_LABEL = -1;

    private final int capacity;
    private final int dim;
    private final float[] vectors;
    private final int[] labels;
    private int head;
    private int size;

    public VectorQueue(int capacity, int dim) {
        if (capacity < 0 || dim < 1) {
            throw new IllegalArgumentException("capacity >= 0 and dim >= 1");
        }
        this.capacity = capacity;
        this.dim = dim;
        this.vectors = new float[capacity * dim];
        this.labels = new int[capacity];
        Arrays.fill(labels, NO_LABEL);
    }

    /** Appends {@code count} vectors (row-major, {@code dim} floats each), evicting the oldest. */
    public void enqueue(float[] newVectors, int[] newLabels, int count) {
        if (capacity == 0) {
            return;
        }
        // Only the last `capacity` keys of an oversized batch survive, so skip the rest.
        int skip = Math.max(0, count - capacity);
        for (int i = skip; i < count; i++) {
            System.arraycopy(newVectors, i * dim, vectors, head * dim, dim);
            labels[head] = newLabels[i];
            head = (head + 1) % capacity;
        }
        size = Math.min(capacity, size + count);
    }

    /** The slot the next vector goes to. */
    public int head() {
        return head;
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
     * The filled vectors, row-major, in slot order (not age order: neither the loss nor the
     * statistics depend on order). Before the ring is full, the filled slots are the first
     * {@code size}.
     */
    public float[] vectors() {
        return size == capacity ? vectors : Arrays.copyOf(vectors, size * dim);
    }

    /** Labels of {@link #vectors()}, row for row. */
    public int[] labels() {
        return size == capacity ? labels : Arrays.copyOf(labels, size);
    }

    /** Vectors from oldest to newest; for tests and inspection. */
    public float[][] oldestFirst() {
        float[][] out = new float[size][];
        int oldest = size == capacity ? head : 0;
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % capacity;
            out[i] = Arrays.copyOfRange(vectors, slot * dim, (slot + 1) * dim);
        }
        return out;
    }

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(dim);
        out.writeInt(head);
        out.writeInt(size);
        for (float v : vectors) {
            out.writeFloat(v);
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
            throw new IOException("saved queue is " + c + "x" + d + " but this service uses " + capacity + "x" + dim);
        }
        head = in.readInt();
        size = in.readInt();
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = in.readFloat();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = in.readInt();
        }
    }
}
