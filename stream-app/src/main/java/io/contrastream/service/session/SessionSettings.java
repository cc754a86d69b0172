package io.contrastream.service.session;

/**
 * The session's rhythm.
 *
 * @param modelId identity of the model in reports and metrics
 * @param batchSize pairs per training step
 * @param reportEvery steps between reports
 * @param checkpointEvery steps between checkpoints (0: only on shutdown)
 * @param maxSteps steps this run takes before it finishes (0: no limit)
 */
public record SessionSettings(
        String modelId, int batchSize, int reportEvery, int checkpointEvery, long maxSteps) {

    public SessionSettings {
        if (batchSize < 2 || reportEvery < 1 || checkpointEvery < 0 || maxSteps < 0) {
            throw new IllegalArgumentException(
                    "batch size >= 2, report every >= 1, checkpoint every >= 0, max steps >= 0");
        }
    }
}
