package io.contrastream.experiments.sweep;

import io.contrastream.producer.augment.AugmentSettings;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.publish.ProbeSource;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.service.evaluation.CleanSet;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.input.ProbeDecoder;
import io.contrastream.service.session.SessionListener;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.training.LossKind;
import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.ProbeImageCodec;
import io.contrastream.wire.Statistic;
import io.contrastream.wire.WireFormatException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The paper's experiment on a live stream: the same stream through fresh models, one per loss
 * and temperature, each trained for the same number of steps by the service's own training
 * session (statistics, probe and all), and what each ended with.
 */
public final class Sweep {

    /** Reports at the end of a run that its figures are averaged over. */
    static final int TAIL_REPORTS = 5;

    private final ServiceConfig base;
    private final Dataset dataset;
    private final CleanSet evaluationSet;
    private final AugmentSettings augment;
    private final long seed;
    private final PrintStream log;

    /** @param evaluationSet the clean evaluation set every run is scored on (built by {@link #evaluationSet}) */
    public Sweep(
            ServiceConfig base,
            Dataset dataset,
            CleanSet evaluationSet,
            AugmentSettings augment,
            long seed,
            PrintStream log) {
        this.base = base;
        this.dataset = dataset;
        this.evaluationSet = evaluationSet;
        this.augment = augment;
        this.seed = seed;
        this.log = log;
    }

    /** The paper's grid: contrastive and hard at each temperature, then the simple loss once. */
    public static List<LossSpec> grid(List<Double> taus, double hardQuantile) {
        return grid(taus, hardQuantile, List.of(LossKind.CONTRASTIVE, LossKind.HARD, LossKind.SIMPLE));
    }

    /** The grid of the given losses: each temperature-dependent one at every τ, the simple loss once. */
    public static List<LossSpec> grid(List<Double> taus, double hardQuantile, List<LossKind> kinds) {
        List<LossSpec> runs = new ArrayList<>();
        for (LossKind kind : List.of(LossKind.CONTRASTIVE, LossKind.HARD)) {
            if (kinds.contains(kind)) {
                for (double tau : taus) {
                    runs.add(new LossSpec(kind, tau, hardQuantile, 0));
                }
            }
        }
        if (kinds.contains(LossKind.SIMPLE)) {
            runs.add(new LossSpec(LossKind.SIMPLE, 1.0, hardQuantile, 0));
        }
        return runs;
    }

    /**
     * The clean evaluation set as the service would hold it after reading the probe topic: the same
     * records, encoded and decoded the same way.
     */
    public static CleanSet evaluationSet(ServiceConfig config, ProbeSource source) {
        CleanSet set = new CleanSet(
                config.session().probeSize(), config.trainer().encoder().pixelsPerImage());
        ProbeDecoder decoder = new ProbeDecoder(new PairDecoder(config.trainer().encoder(), config.imageLimits()));
        while (source.hasNext()) {
            ProbeSource.Keyed next = source.next();
            try {
                set.put(decoder.decode(next.id(), ProbeImageCodec.encode(next.probe())));
            } catch (WireFormatException e) {
                throw new IllegalStateException("the evaluation set's own image " + next.id() + " is unreadable", e);
            }
        }
        set.markLoaded();
        return set;
    }

    public List<SweepRun> run(List<LossSpec> losses, long steps) {
        List<SweepRun> results = new ArrayList<>();
        for (int i = 0; i < losses.size(); i++) {
            LossSpec loss = losses.get(i);
            log.printf("sweep %d/%d: %s, %d steps%n", i + 1, losses.size(), loss.label(), steps);
            SweepRun r = runOne(loss, steps);
            log.printf(
                    "  loss %.3f  uniformity %.3f (clean %.3f)  tolerance %.3f (clean %.3f)  kNN %.3f  linear %.3f"
                            + "  entropy %.2f  (%.0f s)%n",
                    r.finalLoss(),
                    r.uniformity(),
                    r.probeUniformity(),
                    r.tolerance(),
                    r.probeTolerance(),
                    r.knnAccuracy(),
                    r.linearProbeAccuracy(),
                    r.penaltyEntropy(),
                    r.seconds());
            results.add(r);
        }
        return results;
    }

    private SweepRun runOne(LossSpec loss, long steps) {
        long start = System.nanoTime();
        ServiceConfig config = base.withLoss(loss);
        List<MetricsRecord> reports = new ArrayList<>();
        SweepStream stream = new SweepStream(
                dataset, new Augmenter(augment), config.trainer().encoder(), seed);
        try (TrainingSession session = ContrastreamService.newSession(
                config,
                OnlineTrainer.create(config.trainer()),
                null,
                new InputLedger(),
                ContrastreamService.evaluation(config, evaluationSet),
                System::currentTimeMillis)) {
            session.addListener(SessionListener.ofReports(reports::add));
            while (!session.finished()) {
                session.accept(stream.next());
            }
        }
        List<MetricsRecord> tail = reports.subList(Math.max(0, reports.size() - TAIL_REPORTS), reports.size());
        MetricsRecord last = reports.get(reports.size() - 1);
        return new SweepRun(
                loss,
                last.step(),
                mean(tail, r -> r.get(Statistic.LOSS)),
                mean(tail, r -> r.get(Statistic.UNIFORMITY)),
                mean(tail, r -> r.get(Statistic.TOLERANCE)),
                mean(tail, r -> r.get(Statistic.ALIGNMENT)),
                last.get(Statistic.KNN_ACCURACY),
                last.get(Statistic.LINEAR_PROBE_ACCURACY),
                last.get(Statistic.PROBE_UNIFORMITY),
                last.get(Statistic.PROBE_TOLERANCE),
                last.get(Statistic.PROBE_ALIGNMENT),
                mean(tail, r -> r.get(Statistic.PENALTY_ENTROPY)),
                mean(tail, r -> r.get(Statistic.HARDEST_1PCT_SHARE)),
                mean(tail, r -> r.get(Statistic.FALSE_NEGATIVE_SHARE)),
                sum(tail, true),
                sum(tail, false),
                (System.nanoTime() - start) / 1e9,
                evaluations(reports, config.session().knnEvery()));
    }

    /** The reports made right after an evaluation: every --knn-every steps, and at the end. */
    private static List<MetricsRecord> evaluations(List<MetricsRecord> reports, int knnEvery) {
        List<MetricsRecord> out = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            MetricsRecord r = reports.get(i);
            if ((knnEvery > 0 && r.step() % knnEvery == 0) || i == reports.size() - 1) {
                out.add(r);
            }
        }
        return out;
    }

    private static double mean(List<MetricsRecord> records, ToDoubleFunction<MetricsRecord> f) {
        return records.stream()
                .mapToDouble(f)
                .filter(Double::isFinite)
                .average()
                .orElse(Double.NaN);
    }

    private static long[] sum(List<MetricsRecord> records, boolean positive) {
        long[] out = new long[MetricsRecord.HISTOGRAM_BINS];
        for (MetricsRecord r : records) {
            long[] h = positive ? r.positiveHistogram() : r.negativeHistogram();
            for (int i = 0; i < out.length; i++) {
                out[i] += h[i];
            }
        }
        return out;
    }
}
