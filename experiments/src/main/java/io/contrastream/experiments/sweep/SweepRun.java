package io.contrastream.experiments.sweep;

import io.contrastream.service.training.LossSpec;

/**
 * One model of a sweep and what it ended with: scalars averaged over the run's last reports,
 * histograms summed over them; kNN and linear-probe accuracy and the evaluation set's uniformity,
 * tolerance and alignment from the evaluation at the end (clean images, inference mode, as the
 * paper measures).
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
        double seconds) {}
