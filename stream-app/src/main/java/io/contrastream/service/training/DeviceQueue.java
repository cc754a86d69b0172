package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.vectors.VectorQueue;

/**
 * The queue bank's ring kept on the trainer's device too, slot for slot: each step writes its new
 * keys into it where they already are, instead of uploading the whole ring from the Java heap (2
 * MB for 4096 keys of 128, and on a GPU 2 ms a step). The heap ring stays the one that is
 * checkpointed and that labels the columns; this copy follows it, so {@link #write} is called with
 * the keys the heap ring takes, before it takes them.
 */
final class DeviceQueue implements BankOnDevice {

    private final VectorQueue queue;
    private final NDArray ring;

    /** A copy of {@code queue} as it is now (empty, or restored) on {@code manager}'s device. */
    DeviceQueue(NDManager manager, VectorQueue queue) {
        this.queue = queue;
        float[] all = new float[queue.capacity() * queue.dim()];
        float[] filled = queue.vectors();
        System.arraycopy(filled, 0, all, 0, filled.length);
        this.ring = manager.create(all, new Shape(queue.capacity(), queue.dim()));
    }

    /**
     * The filled slots, in the order of {@link VectorQueue#vectors()}: a view of the ring, owned by
     * {@code scope}; null when the ring is empty.
     */
    @Override
    public NDArray negatives(NDManager scope) {
        int size = queue.size();
        if (size == 0) {
            return null;
        }
        NDArray view = ring.get(new NDIndex("0:{}", size));
        view.attach(scope);
        return view;
    }

    /**
     * Writes the first {@code count} rows of {@code keys} into the slots the heap ring will give
     * them: call before {@link VectorQueue#enqueue} with the same keys.
     */
    @Override
    public void write(NDArray keys, int count) {
        int capacity = queue.capacity();
        if (capacity == 0 || count == 0) {
            return;
        }
        int skip = Math.max(0, count - capacity); // as the heap ring: only the last `capacity` survive
        int n = count - skip;
        int head = queue.head();
        int first = Math.min(n, capacity - head);
        try (NDArray part = keys.get(new NDIndex("{}:{}", skip, skip + first))) {
            ring.set(new NDIndex("{}:{}", head, head + first), part);
        }
        if (n > first) {
            try (NDArray rest = keys.get(new NDIndex("{}:{}", skip + first, count))) {
                ring.set(new NDIndex("0:{}", n - first), rest);
            }
        }
    }

    @Override
    public void close() {
        ring.close();
    }
}
