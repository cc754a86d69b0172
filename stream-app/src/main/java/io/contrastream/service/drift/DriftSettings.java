package io.contrastream.service.drift;

/**
 * How the drift detector works (see {@link CusumDetector}).
 *
 * @param baselineAlpha weight of each new report in the moving baseline (level and trend) and in
 *     the residuals' variance
 * @param allowance k: standardised residuals smaller than this do not accumulate (1.0: the
 *     baseline's lag behind the fast early phase of training stays below it)
 * @param threshold h: the CUSUM value, in standard deviations, that raises an event
 * @param sigmaFloor smallest standard deviation assumed, in the statistic's units, so that a very
 *     steady baseline does not turn noise into events
 * @param warmupReports reports after the bank is full before events can be raised
 */
public record DriftSettings(
        double baselineAlpha, double allowance, double threshold, double sigmaFloor, int warmupReports) {

    public static final DriftSettings DEFAULT = new DriftSettings(0.3, 1.0, 8.0, 0.02, 10);

    public DriftSettings {
        if (!(baselineAlpha > 0 && baselineAlpha < 1) || allowance < 0 || !(threshold > 0)
                || !(sigmaFloor > 0) || warmupReports < 1) {
            throw new IllegalArgumentException(
                    "alpha in (0, 1), allowance >= 0, threshold > 0, sigma floor > 0, warm-up >= 1");
        }
    }
}
