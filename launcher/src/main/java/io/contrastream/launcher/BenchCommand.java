package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.experiments.bench.BenchResult;
import io.contrastream.experiments.bench.Benchmark;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.service.ServiceConfig;
import java.util.List;

/** {@code contrastream bench}: pipeline against bare-loop throughput, in one run. */
final class BenchCommand implements Command {

    static final Setting STEPS = Setting.of("steps", "60", "training steps of each of the two runs");
    static final Setting REPORT_EVERY =
            Setting.of(ServiceConfig.REPORT_EVERY.name(), "5", "steps per measured interval");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Measures training throughput of the full pipeline (embedded broker, decode, train,"
                + " statistics) and of the bare training loop on the same pre-decoded batches, in one run,"
                + " and prints both medians, their ratio and the statistics' share of step time.";
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
                        PublisherConfig.TOPIC,
                        PublisherConfig.PROGRESS,
                        PublisherConfig.EPOCHS,
                        PublisherConfig.LIMIT,
                        PublisherConfig.RATE)
                .with(List.of(STEPS), REPORT_EVERY)
                .list();
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        // The benchmark sets what it varies or switches off; the benchmark runs on an embedded broker.
        Settings wired = s.with(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092")
                .with(ServiceConfig.CHECKPOINT_DIR, "")
                .with(ServiceConfig.CHECKPOINT_EVERY, "0")
                .with(ServiceConfig.KEEP_CHECKPOINTS, "1")
                .with(ServiceConfig.MAX_STEPS, s.string(STEPS))
                .with(ServiceConfig.METRICS_PORT, "-1")
                // Every published pair must reach training, or the pipeline never gets to --steps.
                .with(ServiceConfig.PROBE_FRACTION, "0")
                .with(PublisherConfig.TOPIC, s.string(ServiceConfig.INPUT_TOPIC))
                .with(PublisherConfig.PROGRESS, "false")
                .with(PublisherConfig.EPOCHS, "0")
                .with(PublisherConfig.LIMIT, "0")
                .with(PublisherConfig.RATE, "0");
        ServiceConfig service = ServiceConfig.from(wired);
        BenchResult r;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            r = new Benchmark(service, PublisherConfig.from(wired), s.integer(STEPS), System.out)
                    .run(kafka.bootstrapServers());
        }
        System.out.printf(
                "%n%-34s %10s%n%-34s %10.1f%n%-34s %10.1f%n%-34s %10.3f%n%-34s %9.1f%%%n%-34s %9.1f%%%n"
                        + "(medians over %d intervals of %d steps x %d pairs; device %s)%n",
                "",
                "pairs/s",
                "full pipeline",
                r.pipelinePairsPerSecond(),
                "bare training loop",
                r.barePairsPerSecond(),
                "pipeline / bare",
                r.ratio(),
                "statistics share (pipeline)",
                100 * r.pipelineStatsShare(),
                "statistics share (bare loop)",
                100 * r.bareStatsShare(),
                r.intervals(),
                service.session().reportEvery(),
                service.session().batchSize(),
                r.device());
        return 0;
    }
}
