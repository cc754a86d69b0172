package io.contrastream.service.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.contrastream.encoder.EncoderSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The key encoder of MoCo: a copy of the query encoder that is never trained by gradients, only
 * pulled towards it, {@code theta_k <- m theta_k + (1 - m) theta_q}, so that keys in the queue
 * change slowly and stay comparable with new ones. Batch-norm running statistics follow the same
 * average, and keys are computed in inference mode: a key batch's own statistics would let the
 * model recognise its positive through the batch instead of the image. Its parameters live in one
 * flat array laid out as the query encoder's, so the pull is three kernels for the whole encoder.
 */
final class MomentumEncoder implements AutoCloseable {

    private final Block block;
    private final NDManager manager;
    private final ParameterStore store;
    private final FlatParameters parameters;

    /**
     * A key encoder equal to {@code query}, or, when {@code saved} is given, the one saved by
     * {@link #save}.
     */
    MomentumEncoder(Block block, FlatParameters query, NDManager parent, EncoderSpec spec, DataInputStream saved)
            throws IOException {
        this.block = block;
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        if (saved != null) {
            try {
                block.loadParameters(manager, saved);
            } catch (MalformedModelException e) {
                throw new IOException("saved key encoder does not match: " + e.getMessage(), e);
            }
        }
        block.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
        // Never trained by gradients: in-place updates on a leaf that requires grad would fail.
        block.getParameters().values().forEach(p -> p.freeze(true));
        this.parameters = FlatParameters.adopt(block, manager);
        parameters.requireLayoutOf(query);
        if (saved == null) {
            parameters.copyFrom(query);
        }
    }

    NDArray encode(NDArray images) {
        return block.forward(store, new NDList(images), false)
                .singletonOrThrow()
                .stopGradient();
    }

    /** Weights and batch-norm statistics alike; the flat arrays take no gradients. */
    void pullTowards(FlatParameters query, double momentum) {
        float m = (float) momentum;
        try (NDArray scaled = query.all().mul(1f - m)) {
            parameters.all().muli(m).addi(scaled);
        }
    }

    void save(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    @Override
    public void close() {
        manager.close();
    }
}
