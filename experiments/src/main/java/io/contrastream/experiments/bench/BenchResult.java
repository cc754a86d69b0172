package io.contrastream.experiments.bench;

import java.util.List;
import java.util.Map;

/**
 * Figures of one benchmark run, all medians over report intervals.
 *
 * @param pipelinePairsPerSecond broker, decode, train and statistics together
 * @param barePairsPerSecond the training step alone on the same pre-decoded batches
 * @param pipelineStatsShare statistics time over statistics plus step time in the pipeline
 * @param pipelineStepIdleShare share of the pipeline's wall time in which no step ran
 * @param bareStatsShare the same share measured around the bare loop
 * @param intervals report intervals each median is taken over
 * @param device where the model ran
 * @param runtime the libtorch, precision and threads it ran with
 * @param bareMillisPerStep the bare loop's measured steps, mean ms per {@link
 *     io.contrastream.service.training.StepPhase} (by label), and the statistics beside them
 * @param pipelineCpuSeconds CPU seconds of the pipeline's threads over its run, by what they do,
 *     then {@link ThreadCpu#WALL} and {@link ThreadCpu#CORES} (empty without {@code /proc})
 * @param reference the PyTorch eager trainer on the bare loop's batches
 * @param dataPath the pipeline with the training step taken out, by stream threads
 */
public record BenchResult(
        double pipelinePairsPerSecond,
        double barePairsPerSecond,
        double pipelineStatsShare,
        double pipelineStepIdleShare,
        double bareStatsShare,
        int intervals,
        String device,
        String runtime,
        Map<String, Double> bareMillisPerStep,
        Map<String, Double> pipelineCpuSeconds,
        ReferenceResult reference,
        List<DataPathCeiling.Run> dataPath) {

    /** The pipeline's threads, CPU seconds by group, without the wall clock and core count. */
    public Map<String, Double> pipelineThreads() {
        Map<String, Double> groups = new java.util.LinkedHashMap<>(pipelineCpuSeconds);
        groups.remove(ThreadCpu.WALL);
        groups.remove(ThreadCpu.CORES);
        return groups;
    }

    /** What the pipeline's run had: wall-clock seconds times cores (NaN without {@code /proc}). */
    public double pipelineCoreSeconds() {
        return pipelineCpuSeconds.getOrDefault(ThreadCpu.WALL, Double.NaN)
                * pipelineCpuSeconds.getOrDefault(ThreadCpu.CORES, Double.NaN);
    }

    /** Pipeline over bare loop: what everything around the step costs. */
    public double ratio() {
        return pipelinePairsPerSecond / barePairsPerSecond;
    }

    /** Pipeline over the PyTorch reference; NaN without one. */
    public double referenceRatio() {
        return pipelinePairsPerSecond / reference.pairsPerSecond();
    }
}
