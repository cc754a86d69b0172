package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.vectors.VectorQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviceQueueTest {

    /** Batches of every size, smaller and larger than the ring, crossing its end: slot for slot. */
    @Test
    void followsTheHeapRingSlotForSlot() {
        int capacity = 10;
        int dim = 3;
        Random rng = new Random(5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            VectorQueue heap = new VectorQueue(capacity, dim);
            DeviceQueue device = new DeviceQueue(manager, heap);
            try (NDManager scope = manager.newSubManager()) {
                assertThat(device.negatives(scope)).isNull();
            }
            for (int count : new int[] {3, 4, 1, 7, 10, 13, 2, 9, 25, 1}) {
                float[] keys = new float[count * dim];
                int[] labels = new int[count];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = rng.nextFloat();
                }
                try (NDManager scope = manager.newSubManager()) {
                    device.write(scope.create(keys, new Shape(count, dim)), count);
                }
                heap.enqueue(keys, labels, count);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray negatives = device.negatives(scope);
                    assertThat(negatives.getShape()).isEqualTo(new Shape(heap.size(), dim));
                    assertThat(negatives.toFloatArray()).as("after %d", count).containsExactly(heap.vectors());
                }
            }
        }
    }

    /** A restored ring is on the device as it was saved. */
    @Test
    void startsFromARestoredRing() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            VectorQueue heap = new VectorQueue(4, 2);
            heap.enqueue(new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 2}, 3);
            DeviceQueue device = new DeviceQueue(manager, heap);
            try (NDManager scope = manager.newSubManager()) {
                assertThat(device.negatives(scope).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            }
        }
    }
}
