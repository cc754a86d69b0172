package io.contrastream.service.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
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
 * model recognise its positive through the batch instead of the image.
 */
final class MomentumEncoder implements AutoCloseable {

    private final Block block;
    private final NDManager manager;
    private final ParameterStore store;

    /**
     * A key encoder equal to {@code query}, or, when {@code saved} is given, the one saved by
     * {@link #save}.
     */
    MomentumEncoder(Block block, Block query, NDManager parent, EncoderSpec spec, DataInputStream saved)
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
        if (saved == null) {
            copyFrom(query);
        }
    }

    NDArray encode(NDArray images) {
        return block.forward(store, new NDList(images), false)
                .singletonOrThrow()
                .stopGradient();
    }

    private void copyFrom(Block query) {
        forEachPair(query, (q, k) -> q.getArray().copyTo(k.getArray()));
    }

    void pullTowards(Block query, double momentum) {
        float m = (float) momentum;
        forEachPair(query, (q, k) -> {
            NDArray key = k.getArray();
            // Detached, so the update never enters an autograd graph.
            try (NDArray source = q.getArray().stopGradient();
                    NDArray scaled = source.mul(1f - m)) {
                key.muli(m).addi(scaled);
            }
        });
    }

    void save(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    private void forEachPair(Block query, java.util.function.BiConsumer<Parameter, Parameter> action) {
        ParameterList qs = query.getParameters();
        ParameterList ks = block.getParameters();
        for (int i = 0; i < qs.size(); i++) {
            action.accept(qs.get(i).getValue(), ks.get(i).getValue());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
