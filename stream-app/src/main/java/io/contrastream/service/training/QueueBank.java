package io.contrastream.service.training;

import io.contrastream.service.vectors.VectorQueue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * MoCo's bank: the K most recent keys, first in first out. Fits any stream (ids need not repeat);
 * it does not know which sample a key came from, so on a replayed dataset an anchor can meet an
 * older key of its own image among its negatives (the instance bank avoids that).
 */
public final class QueueBank implements NegativeBank {

    private final VectorQueue queue;

    public QueueBank(int capacity, int dim) {
        this.queue = new VectorQueue(capacity, dim);
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return queue.capacity();
    }

    @Override
    public float[] vectors() {
        return queue.vectors();
    }

    @Override
    public int[] labels() {
        return queue.labels();
    }

    @Override
    public int[] slotsOf(String[] ids) {
        int[] none = new int[ids.length];
        Arrays.fill(none, -1);
        return none;
    }

    @Override
    public void update(String[] ids, float[] keys, int[] labels, int count) {
        queue.enqueue(keys, labels, count);
    }

    @Override
    public void writeTo(DataOutputStream out) throws IOException {
        queue.writeTo(out);
    }

    @Override
    public void readFrom(DataInputStream in) throws IOException {
        queue.readFrom(in);
    }

    /** The ring itself: the trainer keeps a device copy of it (DeviceQueue). */
    VectorQueue queue() {
        return queue;
    }
}
