package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.experiments.bench.BenchResult;
import io.contrastream.experiments.bench.Benchmark;
import io.contrastream.experiments.bench.DataPathCeiling;
import io.contrastream.experiments.bench.GridPoint;
import io.contrastream.experiments.bench.ReferenceResult;
import io.contrastream.experiments.bench.ThroughputGrid;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.service.ServiceConfig;
import java.util.List;
import java.util.Map;

/** {@code contrastream bench}: pipeline against bare-loop throughput, in one run. */
final class BenchCommand implements Command {

    static final Setting STEPS = Setting.of("steps", "400", "training steps of each run");
    static final Setting GRID = Setting.of(
            "grid",
            "false",
            "true: instead, the step with statistics over batch 32-512 x width 8/16/32 (default settings otherwise)");
    static final Setting GRID_STEPS =
            Setting.of("grid-steps", "30", "steps per grid point, the first third unmeasured");
    static final Setting PYTHON = Setting.of(
            "python", "python3", "Python with torch >= 2 that runs the PyTorch reference (skipped without one)");
    static final Setting DATA_PATH_ONLY = Setting.of(
            "data-path-only",
            "false",
            "true: only the data path without the training step, at 1, 2 and 4 stream threads");
    static final Setting BF16_REFERENCE = Setting.of(
            "bf16-reference",
            "false",
            "also time the PyTorch reference under bfloat16 autocast (slow where the CPU lacks fast bf16 kernels)");
    static final Setting REPORT_EVERY =
            Setting.of(ServiceConfig.REPORT_EVERY.name(), "10", "steps per measured interval");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Measures training throughput of the full pipeline (embedded broker, decode, train,"
                + " statistics), of the bare training loop and of a PyTorch eager trainer of the same step"
                + " on the same pre-decoded batches, in one run, and prints the medians, the ratios and the"
                + " statistics' share of step time.";
    }

    @Override
    public List<Setting> settings() {
        return SettingLists.union(ServiceConfig.SETTINGS, PublisherConfig.SETTINGS)
                .without(
                        ServiceConfig.BOOTSTRAP_SERVERS,
                        ServiceConfig.CHECKPOINT_DIR,
                        ServiceConfig.CHECKPOINT_EVERY,
                        ServiceConfig.KEEP_CHECKPOINTS,
                        ServiceConfig.MAX_STEPS,
                        ServiceConfig.METRICS_PORT,
                        ServiceConfig.PROBE_FRACTION,
                        ServiceConfig.PROBE_TOPIC,
                        PublisherConfig.PROBE,
                        PublisherConfig.PROBE_REFERENCES,
                        PublisherConfig.PROBE_QUERIES,
                        PublisherConfig.TOPIC,
                        PublisherConfig.PROGRESS,
                        PublisherConfig.EPOCHS,
                        PublisherConfig.LIMIT,
                        PublisherConfig.RATE)
                .with(List.of(STEPS, PYTHON, BF16_REFERENCE, DATA_PATH_ONLY, GRID, GRID_STEPS), REPORT_EVERY)
                .list();
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        if (s.bool(GRID)) {
            printGrid(new ThroughputGrid(s.integer(GRID_STEPS), System.out).run());
            return 0;
        }
        // The benchmark sets what it varies or switches off; the benchmark runs on an embedded broker.
        Settings wired = s.with(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092")
                .with(ServiceConfig.CHECKPOINT_DIR, "")
                .with(ServiceConfig.CHECKPOINT_EVERY, "0")
                .with(ServiceConfig.KEEP_CHECKPOINTS, "1")
                .with(ServiceConfig.MAX_STEPS, s.string(STEPS))
                .with(ServiceConfig.METRICS_PORT, "-1")
                // Every published pair must reach training, or the pipeline never gets to --steps.
                .with(ServiceConfig.PROBE_FRACTION, "0")
                .with(ServiceConfig.PROBE_TOPIC, "")
                .with(PublisherConfig.PROBE, "false")
                .with(PublisherConfig.PROBE_REFERENCES, "1")
                .with(PublisherConfig.PROBE_QUERIES, "1")
                .with(PublisherConfig.TOPIC, s.string(ServiceConfig.INPUT_TOPIC))
                .with(PublisherConfig.PROGRESS, "false")
                .with(PublisherConfig.EPOCHS, "0")
                .with(PublisherConfig.LIMIT, "0")
                .with(PublisherConfig.RATE, "0");
        ServiceConfig service = ServiceConfig.from(wired);
        BenchResult r;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            Benchmark bench = new Benchmark(
                    service,
                    PublisherConfig.from(wired),
                    s.integer(STEPS),
                    s.string(PYTHON),
                    s.bool(BF16_REFERENCE),
                    System.out);
            if (s.bool(DATA_PATH_ONLY)) {
                printDataPath(bench.dataPath(kafka.bootstrapServers()));
                return 0;
            }
            r = bench.run(kafka.bootstrapServers());
        }
        print(r, service);
        return 0;
    }

    /** The data path's rate by stream threads, and where their time goes per pair, by stage. */
    private static void printDataPath(List<DataPathCeiling.Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        System.out.printf(
                "%ndata path without the training step (consume, parse, decode, batch, publish; %d partitions)%n",
                Benchmark.PARTITIONS);
        List<String> stages = List.copyOf(runs.get(0).microsPerPair().keySet());
        System.out.printf("  %-52s", "stream threads");
        runs.forEach(run -> System.out.printf(" %9d", run.threads()));
        System.out.printf("%n  %-52s", "pairs/s");
        runs.forEach(run -> System.out.printf(" %9.0f", run.pairsPerSecond()));
        System.out.printf("%n  %-52s%n", "stream threads' wall time per pair, us:");
        for (String stage : stages) {
            System.out.printf("    %-50s", stage);
            runs.forEach(run -> System.out.printf(" %9.1f", run.microsPerPair().get(stage)));
            System.out.println();
        }
        System.out.printf("  %-52s", "stream threads' CPU per pair, us");
        runs.forEach(run -> System.out.printf(" %9.1f", run.streamCpuMicrosPerPair()));
        System.out.println();
    }

    private static void printGrid(List<GridPoint.Result> points) {
        System.out.printf(
                "%n%6s %6s %10s %10s %14s %14s%n",
                "width", "batch", "ms/step", "pairs/s", "peak heap MiB", "peak RSS MiB");
        for (GridPoint.Result p : points) {
            System.out.printf(
                    "%6d %6d %10.1f %10.0f %14d %14d%n",
                    p.width(),
                    p.batchSize(),
                    p.msPerStep(),
                    p.pairsPerSecond(),
                    p.peakHeapBytes() >> 20,
                    p.peakRssBytes() >> 20);
        }
        System.out.println("(the training step and statistics alone, each point in a JVM of its own; median ms/step)");
    }

    private static void print(BenchResult r, ServiceConfig service) {
        String row = "%-34s %10.1f%n";
        System.out.printf("%n%-34s %10s%n", "", "pairs/s");
        System.out.printf(row, "full pipeline", r.pipelinePairsPerSecond());
        System.out.printf(row, "bare training loop", r.barePairsPerSecond());
        ReferenceResult ref = r.reference();
        if (ref.ran()) {
            System.out.printf(row, "PyTorch eager reference", ref.pairsPerSecond());
            if (Double.isFinite(ref.bf16PairsPerSecond())) {
                System.out.printf(row, "  the same, bf16 autocast (a lever)", ref.bf16PairsPerSecond());
            }
        }
        System.out.printf("%-34s %10.3f%n", "pipeline / bare", r.ratio());
        if (ref.ran()) {
            System.out.printf("%-34s %10.3f%n", "pipeline / PyTorch reference", r.referenceRatio());
        }
        System.out.printf("%-34s %9.1f%%%n", "statistics share (pipeline)", 100 * r.pipelineStatsShare());
        System.out.printf("%-34s %9.1f%%%n", "statistics share (bare loop)", 100 * r.bareStatsShare());
        System.out.printf("%-34s %9.1f%%%n", "no step running (pipeline)", 100 * r.pipelineStepIdleShare());
        System.out.printf(
                "(medians over %d intervals of %d steps x %d pairs; device %s; %s)%n",
                r.intervals(),
                service.session().reportEvery(),
                service.session().batchSize(),
                r.device(),
                r.runtime());
        double machine = r.pipelineCoreSeconds();
        if (Double.isFinite(machine)) {
            System.out.printf(
                    "%nfull pipeline after its warm-up, where the cores went   CPU s  of %.1f core-s%n", machine);
            double used = 0;
            for (Map.Entry<String, Double> e : r.pipelineThreads().entrySet()) {
                used += e.getValue();
                System.out.printf("  %-48s %7.1f %8.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / machine);
            }
            System.out.printf("  %-48s %7.1f %8.1f%%%n", "idle", machine - used, 100 * (machine - used) / machine);
        }
        printDataPath(r.dataPath());
        double total = r.bareMillisPerStep().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        System.out.printf("%nbare loop, where a step's time goes        ms/step     share%n");
        r.bareMillisPerStep()
                .forEach((phase, ms) -> System.out.printf("  %-38s %9.2f %8.1f%%%n", phase, ms, 100 * ms / total));
        System.out.printf("  %-38s %9.2f%n%n", "total", total);
        if (ref.ran()) {
            System.out.printf(
                    "PyTorch %s, %d threads; step-1 loss differs from Java's%s by %.2e (%s %.0e); first %d"
                            + " steps at most %.2e%n",
                    ref.torchVersion(),
                    ref.threads(),
                    ref.bf16() ? " (both bf16)" : "",
                    ref.firstLossDifference(),
                    ref.agrees() ? "same step, within" : "NOT the same step: over",
                    ref.agreement(),
                    ReferenceResult.COMPARED_STEPS,
                    ref.maxLossDifference());
        } else {
            System.out.printf("no PyTorch reference: %s%n", ref.missing());
        }
    }
}
