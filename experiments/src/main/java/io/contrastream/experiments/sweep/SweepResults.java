package io.contrastream.experiments.sweep;

import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.csv}: lines starting with {@code #} say how it was made (commit, command), then
 * the header and one row per run, the columns the write-up uses.
 */
public final class SweepResults {

    public static final String HEADER =
            "loss,tau,steps,final_loss,uniformity,tolerance,alignment,knn_accuracy,penalty_entropy,"
                    + "hardest1pct_share,false_negative_share,probe_uniformity,probe_tolerance,seconds,"
                    + "linear_probe_accuracy,probe_alignment";

    private SweepResults() {}

    /** @param provenance lines saying how the results were made, written as {@code #} comments */
    public static void write(Path file, List<SweepRun> runs, List<String> provenance) throws IOException {
        List<String> lines = new ArrayList<>();
        provenance.forEach(p -> lines.add("# " + p));
        lines.add(HEADER);
        for (SweepRun r : runs) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.1f,%.4f,%.4f",
                    name(r),
                    tau(r),
                    r.steps(),
                    r.finalLoss(),
                    r.uniformity(),
                    r.tolerance(),
                    r.alignment(),
                    r.knnAccuracy(),
                    r.penaltyEntropy(),
                    r.hardest1pctShare(),
                    r.falseNegativeShare(),
                    r.probeUniformity(),
                    r.probeTolerance(),
                    r.seconds(),
                    r.linearProbeAccuracy(),
                    r.probeAlignment()));
        }
        Files.write(file, lines);
    }

    public static final String TRAJECTORY_HEADER =
            "loss,tau,step,knn_accuracy,linear_probe_accuracy,probe_uniformity,probe_tolerance,probe_alignment,"
                    + "uniformity,tolerance,loss_value";

    /**
     * {@code trajectories.csv}: one row per evaluation of every run, so that a figure's course over
     * training can be read, not just its end.
     */
    public static void writeTrajectories(Path file, List<SweepRun> runs, List<String> provenance) throws IOException {
        List<String> lines = new ArrayList<>();
        provenance.forEach(p -> lines.add("# " + p));
        lines.add(TRAJECTORY_HEADER);
        for (SweepRun r : runs) {
            for (MetricsRecord e : r.evaluations()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f",
                        name(r),
                        tau(r),
                        e.step(),
                        e.get(Statistic.KNN_ACCURACY),
                        e.get(Statistic.LINEAR_PROBE_ACCURACY),
                        e.get(Statistic.PROBE_UNIFORMITY),
                        e.get(Statistic.PROBE_TOLERANCE),
                        e.get(Statistic.PROBE_ALIGNMENT),
                        e.get(Statistic.UNIFORMITY),
                        e.get(Statistic.TOLERANCE),
                        e.get(Statistic.LOSS)));
            }
        }
        Files.write(file, lines);
    }

    private static String name(SweepRun r) {
        return r.loss().kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String tau(SweepRun r) {
        return r.loss().kind().name().startsWith("SIMPLE")
                ? ""
                : Double.toString(r.loss().tau());
    }

    /** Reads the rows back as fields, in the header's order ({@link #HEADER} for results.csv). */
    public static List<String[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
