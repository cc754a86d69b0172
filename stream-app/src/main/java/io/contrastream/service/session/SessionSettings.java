package io.contrastream.service.session;

import io.contrastream.service.drift.DriftSettings;
import java.nio.file.Path;

/**
 * The session's rhythm.
 *
 * @param modelId identity of the model in reports and metrics
 * @param batchSize pairs per training step
 * @param reportEvery steps between reports
 * @param checkpointEvery steps between checkpoints (0: only on shutdown)
 * @param maxSteps steps this run takes before it finishes (0: no limit)
 * @param probeFraction share of labelled sample ids held out of training for the kNN probe
 * @param probeSize most held-out samples kept
 * @param knnEvery steps between kNN evaluations (0: never)
 * @param knnK neighbours that vote
 * @param drift how drift of uniformity and tolerance is detected
 * @param exportDir where models are exported, or null for none
 * @param exportEvery steps between exports (0: only when the run ends)
 * @param stepThread train on a {@link TrainerThread} of its own, overlapping each step with the
 *     stream thread's work, rather than on the stream thread
 */
public record SessionSettings(
        String modelId,
        int batchSize,
        int reportEvery,
        int checkpointEvery,
        long maxSteps,
        double probeFraction,
        int probeSize,
        int knnEvery,
        int knnK,
        DriftSettings drift,
        Path exportDir,
        int exportEvery,
        boolean stepThread) {

    public SessionSettings {
        if (batchSize < 2 || reportEvery < 1 || checkpointEvery < 0 || maxSteps < 0) {
            throw new IllegalArgumentException(
                    "batch size >= 2, report every >= 1, checkpoint every >= 0, max steps >= 0");
        }
        if (exportEvery < 0) {
            throw new IllegalArgumentException("export every >= 0");
        }
        if (probeFraction < 0 || probeFraction >= 1 || probeSize < 0 || knnEvery < 0 || knnK < 1) {
            throw new IllegalArgumentException("probe fraction in [0, 1), probe size >= 0, kNN every >= 0, kNN k >= 1");
        }
    }

    /** The same rhythm with another step limit. */
    public SessionSettings withMaxSteps(long steps) {
        return new SessionSettings(
                modelId,
                batchSize,
                reportEvery,
                checkpointEvery,
                steps,
                probeFraction,
                probeSize,
                knnEvery,
                knnK,
                drift,
                exportDir,
                exportEvery,
                stepThread);
    }
}
