package io.contrastream.service.drift;

/**
 * Sudden-change detection on one statistic, one value per report: a two-sided CUSUM on residuals
 * standardised against a moving baseline that follows level and trend (Holt's linear smoothing),
 *
 * <pre>
 *   forecast f = level + trend,   z = (x - f) / max(sigma, floor)
 *   S+ = max(0, S+ + z - k)      S- = max(0, S- - z - k)      event when S+ or S- > h
 * </pre>
 *
 * then the level moves towards the new value with weight alpha, the trend with alpha/3, and the
 * residuals' variance with alpha (1/n for the first 1/alpha values). Training changes the statistics gradually and the forecast follows, trend included; a
 * change of the stream's content moves them faster than the forecast can follow, and the
 * residuals add up. After an event the sums restart, the level jumps to the new value and the
 * sums stay at 0 for {@link #COOLDOWN_REPORTS} reports while the baseline settles, so one change
 * gives one event.
 */
public final class CusumDetector {

    /** An event: the direction and the CUSUM value that crossed the threshold. */
    public record Alarm(boolean up, double cusum, double baseline) {}

    /** Reports after an event during which the sums stay at 0 while the baseline settles. */
    static final int COOLDOWN_REPORTS = 5;

    private final DriftSettings settings;
    private double level = Double.NaN;
    private double trend;
    private double variance;
    private long seen;
    private int cooldown;
    private double up;
    private double down;

    public CusumDetector(DriftSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes one value; returns an alarm when {@code armed} and the CUSUM crosses the threshold.
     * Non-finite values are ignored.
     */
    public Alarm observe(double x, boolean armed) {
        if (!Double.isFinite(x)) {
            return null;
        }
        if (Double.isNaN(level)) {
            level = x;
            return null;
        }
        double forecast = level + trend;
        double residual = x - forecast;
        double z = residual / Math.max(Math.sqrt(variance), settings.sigmaFloor());
        if (armed && cooldown > 0) {
            cooldown--;
        } else if (armed) {
            up = Math.max(0, up + z - settings.allowance());
            down = Math.max(0, down - z - settings.allowance());
            if (up > settings.threshold() || down > settings.threshold()) {
                Alarm alarm = new Alarm(up > down, Math.max(up, down), forecast);
                up = 0;
                down = 0;
                level = x;
                cooldown = COOLDOWN_REPORTS;
                return alarm;
            }
        }
        double a = settings.baselineAlpha();
        double previous = level;
        level = forecast + a * residual;
        trend += a / 3 * (level - previous - trend);
        // The residuals' variance: a plain average while few are in, so it is not biased to zero.
        double av = Math.max(a, 1.0 / ++seen);
        variance = seen == 1 ? residual * residual : (1 - av) * (variance + av * residual * residual);
        return null;
    }

    /** The larger of the two sums: how close the detector is to an event (threshold h). */
    public double statistic() {
        return Math.max(up, down);
    }
}
