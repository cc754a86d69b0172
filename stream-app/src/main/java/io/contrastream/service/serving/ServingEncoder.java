package io.contrastream.service.serving;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.encoder.Encoders;
import io.contrastream.service.training.FlatParameters;
import io.contrastream.service.training.OnlineTrainer;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The encoder as users query it while it trains: a copy of the trained weights, refreshed by the
 * trainer thread after every step (one device-side copy of its flat parameters), read by request
 * threads in inference mode. A read-write lock keeps a request from seeing a half-copied model;
 * the training step itself never waits for a request (only the copy does, for as long as one
 * forward pass).
 */
public final class ServingEncoder implements AutoCloseable {

    /** Embeddings and the version of the weights that made them. */
    public record Embedded(long modelVersion, float[] embeddings, int dim) {}

    private final EncoderSpec spec;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final FlatParameters parameters;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long version = -1;
    private boolean closed;

    public ServingEncoder(EncoderSpec spec, Device device) {
        this.spec = spec;
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        this.block = Encoders.residualCnn(spec);
        block.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
        // Inference only: no autograd graph on request threads.
        block.getParameters().values().forEach(p -> p.freeze(true));
        this.parameters = FlatParameters.adopt(block, manager);
        this.store = new ParameterStore(manager, false);
    }

    /** Takes the trainer's current weights; called on the training thread after each step. */
    public void refreshFrom(OnlineTrainer trainer) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            trainer.copyEncoderInto(parameters);
            version = trainer.step();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether weights have been taken in yet. */
    public boolean ready() {
        return version >= 0;
    }

    /**
     * Embeds images given as encoder input, (count, C, H, W) floats in [0, 1] row-major.
     *
     * @throws IllegalStateException once closed (a request racing with shutdown must not reach
     *     freed native memory)
     */
    public Embedded embed(float[] pixels, int count) {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new IllegalStateException("the serving encoder is closed");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = Encoders.input(scope, pixels, count, spec);
            float[] out = block.forward(store, new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
            return new Embedded(version, out, spec.embeddingDim());
        } finally {
            lock.readLock().unlock();
        }
    }

    public EncoderSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            manager.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
