package io.contrastream.experiments.bench;

import io.contrastream.wire.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and memory of the training step (with statistics) over batch sizes and encoder
 * widths, each point in a JVM of its own ({@link GridPoint}) with this JVM's class path and
 * options.
 */
public final class ThroughputGrid {

    public static final List<Integer> BATCH_SIZES = List.of(32, 64, 128, 256, 512);
    public static final List<Integer> WIDTHS = List.of(8, 16, 32);

    private final int steps;
    private final PrintStream out;

    public ThroughputGrid(int steps, PrintStream out) {
        this.steps = steps;
        this.out = out;
    }

    public List<GridPoint.Result> run() throws IOException, InterruptedException {
        List<GridPoint.Result> results = new ArrayList<>();
        for (int width : WIDTHS) {
            for (int batch : BATCH_SIZES) {
                out.printf("bench: batch %d, width %d%n", batch, width);
                results.add(point(batch, width));
            }
        }
        return results;
    }

    private GridPoint.Result point(int batch, int width) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                GridPoint.class.getName(),
                Integer.toString(batch),
                Integer.toString(width),
                Integer.toString(steps)));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("grid point batch " + batch + ", width " + width + " failed: " + output);
        }
        String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
        return Json.MAPPER.readValue(last, GridPoint.Result.class);
    }
}
