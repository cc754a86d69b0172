package io.contrastream.experiments.bench;

/**
 * Figures of one benchmark run, all medians over report intervals.
 *
 * @param pipelinePairsPerSecond broker, decode, train and statistics together
 * @param barePairsPerSecond the training step alone on the same pre-decoded batches
 * @param pipelineStatsShare share of training-thread time spent on statistics in the pipeline
 * @param bareStatsShare the same share measured around the bare loop
 * @param intervals report intervals each median is taken over
 * @param device where the model ran
 */
public record BenchResult(
        double pipelinePairsPerSecond,
        double barePairsPerSecond,
        double pipelineStatsShare,
        double bareStatsShare,
        int intervals,
        String device) {

    public double ratio() {
        return pipelinePairsPerSecond / barePairsPerSecond;
    }
}
