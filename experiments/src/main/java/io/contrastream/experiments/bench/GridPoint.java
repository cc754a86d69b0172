package io.contrastream.experiments.bench;

import io.contrastream.service.ServiceConfig;
import io.contrastream.service.stats.StatsCollector;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * One point of {@link ThroughputGrid}, run in a JVM of its own so that its peak heap and resident
 * set are its own: the bare step plus statistics at one batch size and encoder width, on random
 * pixels (a step's cost does not depend on what the pixels show). Prints one JSON line.
 */
public final class GridPoint {

    /** What one point measured. */
    public record Result(
            int batchSize, int width, double msPerStep, double pairsPerSecond, long peakHeapBytes, long peakRssBytes) {}

    private GridPoint() {}

    /**
     * Arguments: batch size, encoder width, steps. Every other setting is {@code train}'s default
     * or its {@code CONTRASTREAM_*} environment variable (e.g. {@code CONTRASTREAM_PRECISION}).
     */
    public static void main(String[] args) throws IOException {
        int batch = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        ServiceConfig config = ServiceConfig.parse(
                new String[] {"--batch-size", args[0], "--encoder-width", args[1]}, System.getenv());
        var spec = config.trainer().encoder();
        Random random = new Random(1);
        TrainingBatch[] batches = new TrainingBatch[4];
        for (int b = 0; b < batches.length; b++) {
            String[] ids = new String[batch];
            int[] labels = new int[batch];
            float[] v1 = new float[batch * spec.pixelsPerImage()];
            float[] v2 = new float[v1.length];
            for (int i = 0; i < batch; i++) {
                ids[i] = "p" + b + "-" + i;
                labels[i] = random.nextInt(10);
            }
            for (int i = 0; i < v1.length; i++) {
                v1[i] = random.nextFloat();
                v2[i] = random.nextFloat();
            }
            batches[b] = new TrainingBatch(ids, v1, v2, labels);
        }
        int warmup = Math.max(2, steps / 3);
        double[] millis = new double[steps - warmup];
        try (OnlineTrainer trainer = OnlineTrainer.create(config.trainer())) {
            StatsCollector stats = new StatsCollector(config.trainer().loss(), System::nanoTime);
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                StepResult r = trainer.step(batches[i % batches.length]);
                stats.onStep(r);
                if ((i + 1) % config.session().reportEvery() == 0) {
                    stats.report(trainer.bank().fillRatio(), trainer.windowStatistics());
                }
                if (i >= warmup) {
                    millis[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double ms = Benchmark.median(millis);
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        Result result = new Result(batch, width, ms, batch / (ms / 1e3), heap, peakRss());
        System.out.println(Json.MAPPER.writeValueAsString(result));
    }

    /** VmHWM, the largest resident set this process had; -1 without /proc. */
    private static long peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
