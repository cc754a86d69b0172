package io.contrastream.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * Builds the default encoder: a small ResNet (3x3 stem, three basic residual blocks of width w,
 * 2w, 4w with stride 1, 2, 2, batch norm after each convolution), global average pooling, a linear projection to the
 * embedding size and L2 normalisation, so every embedding lies on the unit sphere as the
 * paper's analysis assumes.
 */
public final class Encoders {

    static {
        OneDnn.capIsa(); // before any network of this class runs a kernel
    }

    private Encoders() {}

    /**
     * Pixels in [0, 1], (count, C, H, W) row-major, as the network's input: scaled to [-1, 1].
     * Every path into the encoder (training, serving, exported models) goes through here.
     */
    public static NDArray input(NDManager manager, float[] pixels, int count, EncoderSpec spec) {
        return manager.create(pixels, spec.inputShape(count)).muli(2f).subi(1f);
    }

    public static Block residualCnn(EncoderSpec spec) {
        int w = spec.width();
        return new SequentialBlock()
                .add(conv(w, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(residual(w, 1, false))
                .add(residual(2 * w, 2, true))
                .add(residual(4 * w, 2, true))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.embeddingDim()).build())
                .add(LambdaBlock.singleton(x -> x.normalize(2, 1, 1e-12), "l2normalize"));
    }

    private static Block residual(int channels, int stride, boolean project) {
        SequentialBlock body = new SequentialBlock()
                .add(conv(channels, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(channels, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock()
                        .add(Conv2d.builder()
                                .setFilters(channels)
                                .setKernelShape(new Shape(1, 1))
                                .optStride(new Shape(stride, stride))
                                .optBias(false)
                                .build())
                        .add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(
                        list -> new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        Arrays.asList(body, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Conv2d conv(int channels, int stride) {
        return Conv2d.builder()
                .setFilters(channels)
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .optBias(false)
                .build();
    }
}
