package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The bank's negatives as the step needs them, on the trainer's device. The queue bank keeps a
 * copy there ({@link DeviceQueue}); the instance bank's draw changes every step and is uploaded.
 */
interface BankOnDevice extends AutoCloseable {

    /** This step's negatives, rows as {@link NegativeBank#vectors()}, owned by {@code scope}; null when none. */
    NDArray negatives(NDManager scope);

    /** Takes the step's new keys in: called before the bank itself takes them. */
    void write(NDArray keys, int count);

    @Override
    void close();

    static BankOnDevice of(NegativeBank bank, NDManager manager, int dim) {
        if (bank instanceof QueueBank queue) {
            return new DeviceQueue(manager, queue.queue());
        }
        return new BankOnDevice() {
            @Override
            public NDArray negatives(NDManager scope) {
                int n = bank.negatives();
                return n == 0 ? null : scope.create(bank.vectors(), new Shape(n, dim));
            }

            @Override
            public void write(NDArray keys, int count) {}

            @Override
            public void close() {}
        };
    }
}
