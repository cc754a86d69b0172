package io.contrastream.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a sweep's results.csv and plots into one folder. */
public final class SweepReport {

    private SweepReport() {}

    public static void write(Path dir, List<SweepRun> runs) throws IOException {
        Files.createDirectories(dir);
        SweepResults.write(dir.resolve("results.csv"), runs);
        SweepPlots.write(dir, runs);
    }
}
