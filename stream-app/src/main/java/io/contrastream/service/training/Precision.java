package io.contrastream.service.training;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;

/** What the encoder's forward and backward passes compute in. */
public enum Precision {
    /** Everything in float32. */
    FP32,
    /**
     * Forward and backward in bfloat16, weights, gradients, optimiser state and batch-norm
     * statistics in float32 ({@link Bf16Block}). Needs DJL's PyTorch binding built by
     * {@code gpu/binding.sh} from {@code gpu/djl-pytorch-native} ({@code CONTRASTREAM_TORCH} in the
     * launcher): DJL 0.36's prebuilt binding maps no bfloat16 and casts outside autograd.
     */
    BF16;

    /** The encoder as this precision runs it; parameters and saved form are unchanged. */
    Block wrap(Block encoder) {
        return this == BF16 ? new Bf16Block(encoder) : encoder;
    }

    /**
     * Fails with the reason when the loaded binding cannot run this precision. Probed without a
     * bfloat16 tensor, which the prebuilt binding answers by aborting the process: a gradient that
     * flows back through a cast is the patched binding's, and that one maps bfloat16 too.
     */
    void requireSupport(Device device) {
        if (this != BF16) {
            return;
        }
        boolean flows;
        try (NDManager scope = NDManager.newBaseManager(device, "PyTorch");
                GradientCollector recording = scope.getEngine().newGradientCollector()) {
            NDArray x = scope.create(new float[] {1f});
            x.setRequiresGradient(true);
            recording.backward(x.toType(DataType.FLOAT64, false).sum());
            flows = x.getGradient().getFloat() == 1f;
        } catch (EngineException e) {
            flows = false; // the cast left the graph: nothing to differentiate
        }
        if (!flows) {
            throw new IllegalStateException("--precision bf16 needs DJL's PyTorch binding built against a local"
                    + " PyTorch (gpu/djl-pytorch-native, with its bfloat16 patch): start with"
                    + " CONTRASTREAM_TORCH=python3 ./contrastream ..., which builds and loads it; the prebuilt"
                    + " binding cannot (README, Running on GPU)");
        }
    }
}
