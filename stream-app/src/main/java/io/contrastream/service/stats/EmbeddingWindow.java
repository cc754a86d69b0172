package io.contrastream.service.stats;

/**
 * The most recent embeddings and their labels, a ring of fixed capacity: what uniformity and
 * tolerance are computed on. Bounded so that their O(W^2) cost stays fixed.
 */
public final class EmbeddingWindow {

    private final int capacity;
    private final int dim;
    private final float[] embeddings;
    private final int[] labels;
    private int head;
    private int size;

    public EmbeddingWindow(int capacity, int dim) {
        this.capacity = capacity;
        this.dim = dim;
        this.embeddings = new float[capacity * dim];
        this.labels = new int[capacity];
    }

    public void add(float[] batch, int[] batchLabels, int count) {
        for (int i = Math.max(0, count - capacity); i < count; i++) {
            System.arraycopy(batch, i * dim, embeddings, head * dim, dim);
            labels[head] = batchLabels[i];
            head = (head + 1) % capacity;
        }
        size = Math.min(capacity, size + count);
    }

    public int size() {
        return size;
    }

    public int dim() {
        return dim;
    }

    /** Row-major embeddings of the filled slots (order irrelevant to the statistics). */
    public float[] embeddings() {
        return embeddings;
    }

    public int[] labels() {
        return labels;
    }
}
