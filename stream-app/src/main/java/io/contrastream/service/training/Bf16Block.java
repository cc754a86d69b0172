package io.contrastream.service.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Runs a block's forward pass in bfloat16 while its parameters, gradients, optimiser state and
 * batch-norm statistics stay float32 (mixed precision, as PyTorch's autocast does on a CPU):
 * inputs, convolution and linear weights are cast on the way in, inside the autograd graph, so
 * gradients reach the float32 weights; outputs are cast back. Saves and loads exactly what the
 * wrapped block does, so checkpoints and exported models do not depend on the precision.
 */
final class Bf16Block extends AbstractBlock {

    private final Block inner;

    Bf16Block(Block inner) {
        this.inner = addChildBlock("float32", inner);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList half = new NDList(inputs.size());
        for (NDArray x : inputs) {
            half.add(x.toType(DataType.BFLOAT16, false));
        }
        NDList out = inner.forward(new CastingStore(store), half, training, params);
        NDList full = new NDList(out.size());
        for (NDArray y : out) {
            full.add(y.toType(DataType.FLOAT32, false));
        }
        return full;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inner.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes);
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        inner.saveParameters(os);
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        inner.loadParameters(manager, is);
    }

    /** Hands out bfloat16 copies of weights and biases; batch-norm's parameters stay float32. */
    private static final class CastingStore extends ParameterStore {
        private final ParameterStore delegate;

        CastingStore(ParameterStore delegate) {
            super(delegate.getManager(), false);
            this.delegate = delegate;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            NDArray value = delegate.getValue(parameter, device, training);
            if (value == null) {
                return null;
            }
            Parameter.Type type = parameter.getType();
            return type == Parameter.Type.WEIGHT || type == Parameter.Type.BIAS
                    ? value.toType(DataType.BFLOAT16, false)
                    : value;
        }
    }
}
