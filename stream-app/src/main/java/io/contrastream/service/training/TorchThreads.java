package io.contrastream.service.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch's intra-op thread pool, which every step's kernels run on. */
public final class TorchThreads {

    private TorchThreads() {}

    /**
     * Sets the intra-op threads (process-wide; 0 leaves libtorch's default). The service sets them
     * rather than leaving them to OMP_NUM_THREADS in a user's environment.
     */
    public static void use(int threads) {
        if (threads > 0) {
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(threads);
        }
    }

    /** Threads libtorch's CPU kernels use now (the engine is loaded if it was not). */
    public static int intraOp() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
