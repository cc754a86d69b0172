package io.contrastream.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a sweep's results.csv, trajectories.csv and plots into one folder. */
public final class SweepReport {

    private SweepReport() {}

    /** @param provenance how the results were made (commit, command), kept in results.csv */
    public static void write(Path dir, List<SweepRun> runs, List<String> provenance) throws IOException {
        Files.createDirectories(dir);
        SweepResults.write(dir.resolve("results.csv"), runs, provenance);
        SweepResults.writeTrajectories(dir.resolve("trajectories.csv"), runs, provenance);
        SweepPlots.write(dir, runs);
    }
}
