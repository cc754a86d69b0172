package io.contrastream.experiments.sweep;

import io.contrastream.service.training.LossSpec;
import io.contrastream.wire.MetricsRecord;
import java.util.List;

/**
 * One model of a sweep and what it ended with: scalars averaged over the run's last reports,
 * histograms summed over them; kNN and linear-probe accuracy and the evaluation set's uniformity,
 * tolerance and alignment from the evaluation at the end (clean images, inference mode, as the
 * paper measures); {@code evaluations} are the reports of every evaluation along the way (the
 * trajectory).
 */
public record SweepRun(
        LossSpec loss,
        long steps,
        double finalLoss,
        double uniformity,
        double tolerance,
        double alignment,
        double knnAccuracy,
        double linearProbeAccuracy,
        double probeUniformity,
        double probeTolerance,
        double probeAlignment,
        double penaltyEntropy,
        double hardest1pctShare,
        double falseNegativeShare,
        long[] positiveHistogram,
        long[] negativeHistogram,
        double seconds,
        List<MetricsRecord> evaluations) {}
