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

    /** Work that builds tensors on a thread that will not train, as {@link #serially} runs it. */
    public interface Building<T, E extends Exception> {
        T build() throws E;
    }

    /**
     * Runs {@code building} with one intra-op thread, then restores the count. For models built on
     * one thread and used on another (the trainer thread): a thread that ran a parallel kernel keeps
     * an idle OpenMP team, and with it beside the training thread's, libgomp sees more threads than
     * cores and sleeps between kernels instead of spinning (the pipeline ran 14% slower on 2 cores).
     * The count is process-wide: not while another thread trains.
     *
     * @param threads the count to restore (0: the count in force now)
     */
    public static <T, E extends Exception> T serially(int threads, Building<T, E> building) throws E {
        int restore = threads > 0 ? threads : intraOpThreads();
        useThreads(1);
        try {
            return building.build();
        } finally {
            useThreads(restore);
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
