package io.contrastream.service.session;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that runs the session's tensor work: training steps, and whatever else reads or
 * writes the model (evaluation, checkpoint, export). Dedicated, it lets the stream thread decode
 * the next batch and publish the last step's results while a step runs. It is also the only
 * thread that runs libtorch kernels, so libtorch keeps a single OpenMP team: a second one, idle
 * beside it, makes libgomp sleep between kernels on a machine with few cores (see
 * {@link io.contrastream.service.training.TorchRuntime#serially}).
 *
 * <p>{@link #callers()} runs everything on the calling thread instead: for the sweep, the tests
 * and {@code --step-thread false}.
 */
public final class TrainerThread implements AutoCloseable {

    private final ExecutorService executor;

    private TrainerThread(ExecutorService executor) {
        this.executor = executor;
    }

    /** A thread of its own, named {@code contrastream-trainer}. */
    public static TrainerThread dedicated() {
        return new TrainerThread(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contrastream-trainer");
            t.setDaemon(true); // a stuck step must not keep the JVM alive after the service gave up
            return t;
        }));
    }

    /** Runs work on whichever thread asks, before returning. */
    public static TrainerThread callers() {
        return new TrainerThread(null);
    }

    /** True if work runs on a thread of its own. */
    public boolean dedicatedThread() {
        return executor != null;
    }

    /** Starts the work; the future completes with its result or with what it threw. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        if (executor == null) {
            return run(work);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) { // Errors too: the waiting thread decides what they mean
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Runs the work there and waits for it; what it throws is rethrown here as it was. */
    public <T> T call(Callable<T> work) {
        return await(submit(work));
    }

    /** The result of submitted work, waiting for it; what it threw is rethrown as it was. */
    public static <T> T await(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static <T> CompletableFuture<T> run(Callable<T> work) {
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** Lets running work finish (a step takes well under the wait) and ends the thread. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
