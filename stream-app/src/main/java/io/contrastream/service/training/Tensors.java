package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** Two rules of working with DJL arrays that the training and evaluation code share. */
public final class Tensors {

    private Tensors() {}

    /** An operation's result belongs to its first operand's manager: moves it to {@code scope}. */
    public static NDArray in(NDManager scope, NDArray result) {
        result.attach(scope);
        return result;
    }

    /**
     * Writes {@code source} (same shape, or a scalar) into {@code target}'s own memory. Not with
     * {@code copyTo}/{@code set(Buffer)}: DJL's PyTorch engine points the tensor at a Java buffer
     * then, whose lifetime is the handle's, not the tensor's (a freed gradient buffer crashed the
     * JVM now and then).
     */
    public static void overwrite(NDArray target, NDArray source) {
        target.set(new NDIndex(":"), source);
    }
}
