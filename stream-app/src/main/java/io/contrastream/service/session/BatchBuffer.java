package io.contrastream.service.session;

import io.contrastream.service.training.TrainingBatch;

/** Packs decoded pairs straight into the contiguous arrays a training step takes. */
public final class BatchBuffer {

    private final int capacity;
    private final int pixels;
    private String[] ids;
    private float[] view1;
    private float[] view2;
    private int[] labels;
    private int size;

    public BatchBuffer(int capacity, int pixelsPerImage) {
        this.capacity = capacity;
        this.pixels = pixelsPerImage;
        allocate();
    }

    private void allocate() {
        ids = new String[capacity];
        view1 = new float[capacity * pixels];
        view2 = new float[capacity * pixels];
        labels = new int[capacity];
        size = 0;
    }

    public void add(DecodedPair pair) {
        if (pair.view1().length != pixels || pair.view2().length != pixels) {
            throw new IllegalArgumentException("pair is not sized for the encoder: " + pair.id());
        }
        System.arraycopy(pair.view1(), 0, view1, size * pixels, pixels);
        System.arraycopy(pair.view2(), 0, view2, size * pixels, pixels);
        ids[size] = pair.id();
        labels[size++] = pair.label();
    }

    public boolean isFull() {
        return size == capacity;
    }

    public int size() {
        return size;
    }

    /** The full batch; the buffer starts over with fresh arrays. */
    public TrainingBatch drain() {
        TrainingBatch batch = new TrainingBatch(ids, view1, view2, labels);
        allocate();
        return batch;
    }
}
