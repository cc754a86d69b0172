package io.contrastream.service.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

/** The libtorch under DJL: which one, and its intra-op thread pool, which every kernel runs on. */
public final class TorchRuntime {

    private TorchRuntime() {}

    /**
     * Sets the intra-op threads (process-wide; 0 leaves libtorch's default). The service sets them
     * rather than leaving them to OMP_NUM_THREADS in a user's environment.
     */
    public static void useThreads(int threads) {
        if (threads > 0) {
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(threads);
        }
    }

    /** Threads libtorch's CPU kernels use now (the engine is loaded if it was not). */
    public static int intraOpThreads() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    /** The loaded libtorch's version, e.g. 2.7.1 (DJL's bundled one) or the one built against. */
    public static String libtorchVersion() {
        Engine.getEngine("PyTorch");
        return LibUtils.getVersion();
    }
}
