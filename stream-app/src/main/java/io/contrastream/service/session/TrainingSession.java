package io.contrastream.service.session;

import io.contrastream.service.artifact.ModelExporter;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.drift.DriftMonitor;
import io.contrastream.service.export.ServiceMetrics;
import io.contrastream.service.stats.StatsCollector;
import io.contrastream.service.stats.StatsReport;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one model and its rhythm: collects decoded pairs into batches, runs a training
 * step per full batch, feeds the statistics, makes a report every N steps and a checkpoint every
 * M. Shared by every stream task of the instance and used only from its single stream thread.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainingSession.class);

    /**
     * What the caller must do after a pair was accepted: publish the step's embeddings, the report
     * and drift events, commit after a checkpoint.
     *
     * @param step the training step the pair completed, or null
     */
    public record Outcome(
            StepResult step, MetricsRecord report, List<DriftEvent> drifts, boolean checkpointed, boolean finished) {
        static final Outcome NOTHING = new Outcome(null, null, List.of(), false, false);
    }

    private final SessionSettings settings;
    private final OnlineTrainer trainer;
    private final StatsCollector stats;
    private final CheckpointStore checkpoints;
    private final ServiceMetrics metrics;
    private final LongSupplier wallClockMillis;
    private final List<ReportListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> stepListeners = new CopyOnWriteArrayList<>();
    private final BatchBuffer buffer;
    private final ProbeSet probe;
    private final ProbeEvaluator probeEvaluator;
    private final DriftMonitor drift;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private long stepsThisRun;
    private long lastCheckpointStep;
    private long lastExportStep = -1;
    private boolean finished;

    /**
     * @param checkpoints where to save state, or {@code null} to run without checkpoints
     */
    public TrainingSession(
            SessionSettings settings,
            OnlineTrainer trainer,
            StatsCollector stats,
            CheckpointStore checkpoints,
            ServiceMetrics metrics,
            LongSupplier wallClockMillis) {
        this.settings = settings;
        this.trainer = trainer;
        this.stats = stats;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.wallClockMillis = wallClockMillis;
        int pixels = trainer.settings().encoder().pixelsPerImage();
        this.buffer = new BatchBuffer(settings.batchSize(), pixels);
        this.probe = new ProbeSet(settings.probeFraction(), settings.probeSize(), pixels);
        this.probeEvaluator = new ProbeEvaluator(probe, settings.knnK());
        this.drift = new DriftMonitor(settings.drift());
        this.lastCheckpointStep = trainer.step();
    }

    public void addListener(ReportListener listener) {
        listeners.add(listener);
    }

    /** Runs after every training step, on the training thread (the serving copy refreshes here). */
    public void addStepListener(Runnable listener) {
        stepListeners.add(listener);
    }

    public Outcome accept(DecodedPair pair) {
        if (finished) {
            return Outcome.NOTHING;
        }
        if (probe.holdsOut(pair)) {
            probe.add(pair);
            return Outcome.NOTHING;
        }
        buffer.add(pair);
        if (!buffer.isFull()) {
            return Outcome.NOTHING;
        }
        TrainingBatch batch = buffer.drain();
        StepResult result = trainer.step(batch);
        stepsThisRun++;
        stepListeners.forEach(Runnable::run);
        metrics.onStep(result);
        if (Double.isFinite(result.loss())) {
            stats.onStep(result); // a skipped step (non-finite loss) would only poison the window
        } else {
            log.error("step {}: non-finite loss {}; the update was skipped", result.step(), result.loss());
        }
        finished = settings.maxSteps() > 0 && stepsThisRun >= settings.maxSteps();
        Outcome reported = Outcome.NOTHING;
        if (result.step() % settings.reportEvery() == 0 || finished) {
            reported = report(result.step());
        }
        boolean checkpointed = false;
        if (finished
                || (settings.checkpointEvery() > 0
                        && result.step() - lastCheckpointStep >= settings.checkpointEvery())) {
            checkpointed = checkpoint();
        }
        if (settings.exportDir() != null
                && (finished || (settings.exportEvery() > 0 && result.step() % settings.exportEvery() == 0))) {
            export();
        }
        if (finished) {
            done.complete(result.step());
        }
        return new Outcome(result, reported.report(), reported.drifts(), checkpointed, finished);
    }

    /**
     * Makes the report of this step and the drift events it raises and tells every listener;
     * returns them as an outcome whose other fields the caller fills in.
     */
    private Outcome report(long step) {
        if (settings.knnEvery() > 0 && (step % settings.knnEvery() == 0 || finished)) {
            probeEvaluator.evaluate(trainer);
        }
        StatsReport stats = this.stats.report(trainer.bank().fillRatio());
        Map<Statistic, Double> values = new EnumMap<>(stats.values());
        probeEvaluator.addTo(values);
        long now = wallClockMillis.getAsLong();
        List<DriftEvent> drifts = drift.onReport(settings.modelId(), step, now, values);
        values.put(Statistic.UNIFORMITY_DRIFT, drift.statistic(Statistic.UNIFORMITY));
        values.put(Statistic.TOLERANCE_DRIFT, drift.statistic(Statistic.TOLERANCE));
        MetricsRecord record =
                new MetricsRecord(
                        settings.modelId(),
                        step,
                        now,
                        metrics.pairsTrainedTotal(),
                        metrics.deadLettersTotal(),
                        trainer.settings().tau(),
                        settings.batchSize(),
                        trainer.bank().capacity(),
                        values,
                        stats.positiveHistogram(),
                        stats.negativeHistogram());
        metrics.onReport(record);
        for (ReportListener l : listeners) {
            l.onReport(record);
        }
        for (DriftEvent e : drifts) {
            log.warn("drift of {} ({}) at step {}: {} against a baseline of {}", e.statistic(), e.direction(), step,
                    String.format("%.3f", e.value()), String.format("%.3f", e.baseline()));
            metrics.onDrift(e);
            listeners.forEach(l -> l.onDrift(e));
        }
        return new Outcome(null, record, drifts, false, false);
    }

    /**
     * Exports the encoder as it is now into the export folder, and makes it the reference of the
     * stability statistics; returns the artifact's folder.
     */
    public Path export() {
        try {
            Path dir = ModelExporter.export(trainer, settings.modelId(), settings.exportDir());
            probeEvaluator.markExported(trainer);
            lastExportStep = trainer.step();
            log.info("exported the encoder at step {} to {}", trainer.step(), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("export at step " + trainer.step() + " failed", e);
        }
    }

    /** Saves state if a store is configured and anything changed; true if it saved. */
    public boolean checkpoint() {
        if (checkpoints == null || trainer.step() == lastCheckpointStep) {
            return false;
        }
        try {
            long t0 = System.nanoTime();
            checkpoints.save(trainer.step(), trainer::writeState);
            lastCheckpointStep = trainer.step();
            log.info("checkpoint at step {} ({} ms)", lastCheckpointStep, (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at step " + trainer.step() + " failed", e);
        }
    }

    public boolean finished() {
        return finished;
    }

    /** Completes with the model's step when the run reaches its step limit. */
    public CompletableFuture<Long> done() {
        return done;
    }

    public long step() {
        return trainer.step();
    }

    public long stepsThisRun() {
        return stepsThisRun;
    }

    /** Pairs waiting for a full batch. */
    public int buffered() {
        return buffer.size();
    }

    public OnlineTrainer trainer() {
        return trainer;
    }

    /** Saves a last checkpoint and export (when configured) and releases the model. */
    @Override
    public void close() {
        try {
            checkpoint();
            if (settings.exportDir() != null && lastExportStep != trainer.step()) {
                export();
            }
        } finally {
            trainer.close();
        }
    }
}
