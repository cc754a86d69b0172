package io.contrastream.launcher;

import io.contrastream.config.ConfigException;
import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.experiments.sweep.Sweep;
import io.contrastream.experiments.sweep.SweepReport;
import io.contrastream.experiments.sweep.SweepRun;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.evaluation.CleanSet;
import io.contrastream.service.training.LossKind;
import io.contrastream.service.training.LossSpec;
import io.contrastream.wire.ProbeRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code contrastream sweep}: the paper's temperature and loss sweep on one stream. */
final class SweepCommand implements Command {

    static final Setting OUT = Setting.optional("out", "folder for results.csv and the plots (required)");
    static final Setting STEPS =
            Setting.of("steps", "2000", "training steps per run (the full sweep fits in 60 minutes on 2 cores)");
    static final Setting QUICK = Setting.ofSwitch(
            "quick",
            "a short sweep: 1000 steps of batch 128 per run of a small encoder (16-px images, width 8) at"
                    + " τ 0.2, 0.5, 1, scored on 5000 clean references and 2000 clean queries; about 3 minutes"
                    + " on 2 cores");
    static final Setting TAUS = Setting.of("taus", "0.07,0.2,0.5,1.0", "temperatures of the contrastive and hard runs");
    static final Setting LOSSES =
            Setting.of("losses", "contrastive,hard,simple", "losses of the grid: contrastive, hard and/or simple");
    /** The quick sweep: short runs of a small model, at temperatures where short runs show the trends. */
    static final int QUICK_STEPS = 1000;

    static final String QUICK_IMAGE_SIZE = "16";
    static final String QUICK_ENCODER_WIDTH = "8";
    static final String QUICK_BATCH_SIZE = "128";
    static final String QUICK_LEARNING_RATE = "0.001";
    static final String QUICK_PROBE_REFERENCES = "5000";
    static final String QUICK_PROBE_QUERIES = "2000";
    static final String QUICK_TAUS = "0.2,0.5,1.0";

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "Reproduces the paper's sweep on a stream: the same pairs through fresh models for each"
                + " temperature with the contrastive and the hard loss, and the simple loss once; writes"
                + " results.csv and PNG plots of uniformity, tolerance, kNN accuracy and penalty entropy"
                + " against τ, and the similarity histograms.";
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
                        ServiceConfig.TAU,
                        ServiceConfig.LOSS,
                        ServiceConfig.HARD_TOP_K,
                        ServiceConfig.PROBE_TOPIC,
                        PublisherConfig.TOPIC,
                        PublisherConfig.PROBE,
                        PublisherConfig.PROBE_TOPIC,
                        PublisherConfig.PROGRESS,
                        PublisherConfig.EPOCHS,
                        PublisherConfig.LIMIT,
                        PublisherConfig.RATE,
                        Settings.KAFKA_CONFIG)
                .with(List.of(OUT, STEPS, QUICK, TAUS, LOSSES))
                .list();
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        String out = s.optionalString(OUT);
        if (out == null) {
            throw new ConfigException("--out is required");
        }
        String commit = Provenance.commit(); // of the code that runs, before anything can change
        boolean quick = s.bool(QUICK);
        long steps = quick ? QUICK_STEPS : s.longValue(STEPS);
        Settings.require(steps >= 20, STEPS, "must be at least 20");
        if (quick) {
            s = s.with(ServiceConfig.IMAGE_SIZE, QUICK_IMAGE_SIZE)
                    .with(ServiceConfig.ENCODER_WIDTH, QUICK_ENCODER_WIDTH)
                    .with(ServiceConfig.BATCH_SIZE, QUICK_BATCH_SIZE)
                    .with(ServiceConfig.LEARNING_RATE, QUICK_LEARNING_RATE)
                    .with(PublisherConfig.PROBE_REFERENCES, QUICK_PROBE_REFERENCES)
                    .with(PublisherConfig.PROBE_QUERIES, QUICK_PROBE_QUERIES);
        }
        List<Double> taus = new ArrayList<>();
        for (String t : (quick ? QUICK_TAUS : s.string(TAUS)).split(",")) {
            try {
                taus.add(Double.parseDouble(t.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("--taus: not a number: '" + t + "'");
            }
        }
        Settings wired = s.with(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092")
                .with(ServiceConfig.CHECKPOINT_DIR, "")
                .with(ServiceConfig.CHECKPOINT_EVERY, "0")
                .with(ServiceConfig.KEEP_CHECKPOINTS, "1")
                .with(ServiceConfig.MAX_STEPS, Long.toString(steps))
                .with(ServiceConfig.METRICS_PORT, "-1")
                .with(ServiceConfig.TAU, "1")
                .with(ServiceConfig.LOSS, "contrastive")
                .with(ServiceConfig.HARD_TOP_K, "0")
                .with(PublisherConfig.TOPIC, "unused")
                .with(PublisherConfig.PROBE, "false")
                // The sweep scores every run on its own in-process copy of the evaluation set.
                .with(ServiceConfig.PROBE_TOPIC, "")
                .with(PublisherConfig.PROGRESS, "false")
                .with(PublisherConfig.EPOCHS, "0")
                .with(PublisherConfig.LIMIT, "0")
                .with(PublisherConfig.RATE, "0");
        ServiceConfig service = ServiceConfig.from(wired);
        PublisherConfig data = PublisherConfig.from(wired);
        List<LossKind> kinds = new ArrayList<>();
        for (String k : s.string(LOSSES).split(",")) {
            try {
                LossKind kind = LossKind.valueOf(k.trim().toUpperCase(Locale.ROOT));
                Settings.require(kind != LossKind.HARD_SIMPLE, LOSSES, "takes contrastive, hard and simple");
                kinds.add(kind);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--losses: not a loss: '" + k + "'");
            }
        }
        List<LossSpec> grid = Sweep.grid(taus, service.trainer().loss().hardQuantile(), kinds);
        CleanSet evaluationSet = Sweep.evaluationSet(service, ProducerApp.probeSource(data));
        System.out.printf(
                "sweep: scoring every run on %d clean references and %d clean queries%n",
                evaluationSet.size(ProbeRole.REFERENCE), evaluationSet.size(ProbeRole.QUERY));
        List<SweepRun> runs = new Sweep(
                        service, ProducerApp.openDataset(data), evaluationSet, data.augment(), data.seed(), System.out)
                .run(grid, steps);
        SweepReport.write(
                Path.of(out), runs, List.of("commit " + commit, "command contrastream sweep " + s.asFlags(settings())));
        System.out.println("sweep: wrote " + Path.of(out).resolve("results.csv") + " and plots");
        return 0;
    }
}
