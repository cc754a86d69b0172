package io.contrastream.service.session;

import io.contrastream.service.artifact.ModelExporter;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.service.drift.DriftMonitor;
import io.contrastream.service.evaluation.Evaluation;
import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.SourceRecord;
import io.contrastream.service.stats.StatsCollector;
import io.contrastream.service.stats.StatsReport;
import io.contrastream.service.training.NegativeBank;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.service.training.WindowStatistics;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one model and its rhythm: collects decoded pairs into batches, runs a training
 * step per full batch, feeds the statistics, makes a report every N steps and a checkpoint every
 * M. Shared by every stream task of the instance, on any number of stream threads: they decode in
 * parallel and hand their pairs over here one at a time (the entry points are synchronized), so
 * the batch, the ledger and the statistics see one ordered stream per input partition. A thread
 * that completes a batch while the step before it still runs waits for it, and the others wait
 * for that thread: the hand-off holds at most one batch beside the one training.
 *
 * <p>The steps run on a {@link TrainerThread} of their own (unless {@code --step-thread false}):
 * while step t trains, the stream thread decodes the pairs of batch t + 1 and settles step t - 1
 * (statistics, listeners, its embeddings published). A step is <em>settled</em> (learned in the
 * ledger, reported) on a stream thread, by the {@link #accept} or {@link #poll} after it
 * finished, always in order; steps that evaluate, checkpoint, export or may end the run are
 * settled before the next one starts, so that everything reading the model sees it idle and a
 * checkpoint never has a step in flight.
 *
 * <p>No single pair can stop it: a step that throws sends its batch back to the caller as
 * rejected (for the dead-letter topic) and leaves the model as it was; a failing evaluation,
 * report, checkpoint or export is logged and counted, and training goes on. Its
 * {@link InputLedger} records which input records the model has learned, so a restart neither
 * loses nor repeats any (see {@link #accept}).
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainingSession.class);

    /**
     * What the caller must do after a pair was accepted: publish the step's embeddings, the report
     * and drift events, dead-letter the rejected pairs.
     *
     * @param step the training step the pair completed, or null
     * @param rejected pairs of a batch whose step failed, with the reason; never trained on
     */
    public record Outcome(
            StepResult step,
            SourceRecord[] stepSources,
            MetricsRecord report,
            List<DriftEvent> drifts,
            boolean finished,
            List<Rejected> rejected) {
        static final Outcome NOTHING = new Outcome(null, null, null, List.of(), false, List.of());

        /** True if there is nothing to publish or do. */
        public boolean empty() {
            return step == null && report == null && drifts.isEmpty() && rejected.isEmpty();
        }
    }

    /** A batch handed to the trainer thread, and its step's result when it has one. */
    private record InFlight(BatchBuffer.Full batch, CompletableFuture<Stepped> result) {}

    /**
     * A step's result and what was read of the trainer right after it, on the trainer thread: the
     * bank's figures, and the window statistics when the step reports.
     */
    private record Stepped(
            StepResult result, double bankFill, NegativeBank.UpdateCounts bankCounts, WindowStatistics window) {}

    /** A pair that could not be trained on, and why. */
    public record Rejected(String id, SourceRecord source, String message) {}

    private final SessionSettings settings;
    private final OnlineTrainer trainer;
    private final TrainingStep step;
    private final StatsCollector stats;
    private final CheckpointStore checkpoints;
    private final LongSupplier wallClockMillis;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final SessionCounts counts = new SessionCounts();
    private final BatchBuffer buffer;
    private final Evaluation evaluation;
    private final DriftMonitor drift;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private final InputLedger ledger;
    private final TrainerThread trainerThread;
    private final List<Consumer<OnlineTrainer>> afterEachStep = new CopyOnWriteArrayList<>();
    private final Object launching = new Object();
    private volatile InFlight inFlight;
    private volatile boolean paused;
    private volatile long checkpointsWritten;
    private Map<TopicPartition, Long> unpublished = Map.of();
    private final Set<TopicPartition> skippingLogged = new HashSet<>();
    private Map<TopicPartition, Long> savedPositions;
    private NegativeBank.UpdateCounts bankCountsAtReport = NegativeBank.UpdateCounts.NONE;
    private boolean bankTooSmallLogged;
    private long stepsThisRun;
    private long lastCheckpointStep;
    private long lastExportStep = -1;
    private boolean finished;

    /**
     * @param step what runs for each full batch: {@link TrainingStep#TRAIN}, but in a benchmark
     * @param checkpoints where to save state, or {@code null} to run without checkpoints
     * @param ledger the input the trainer's state accounts for (restored with it, or empty)
     * @param evaluation how downstream quality is measured, every {@code knnEvery} steps
     */
    public TrainingSession(
            SessionSettings settings,
            OnlineTrainer trainer,
            TrainingStep step,
            StatsCollector stats,
            CheckpointStore checkpoints,
            InputLedger ledger,
            Evaluation evaluation,
            LongSupplier wallClockMillis) {
        this.settings = settings;
        this.ledger = ledger;
        this.savedPositions = ledger.restoredPositions();
        this.trainer = trainer;
        this.step = step;
        this.stats = stats;
        this.checkpoints = checkpoints;
        this.wallClockMillis = wallClockMillis;
        int pixels = trainer.settings().encoder().pixelsPerImage();
        this.buffer = new BatchBuffer(settings.batchSize(), pixels);
        this.evaluation = evaluation;
        this.drift = new DriftMonitor(settings.drift());
        this.lastCheckpointStep = trainer.step();
        this.trainerThread = settings.stepThread() ? TrainerThread.dedicated() : TrainerThread.callers();
    }

    /**
     * Adds work that runs on the trainer thread right after each step, before the next starts
     * (the {@code /embed} copy of the weights): it may read the model.
     */
    public void afterEachStep(Consumer<OnlineTrainer> work) {
        afterEachStep.add(work);
    }

    /** Adds a listener; they are told in the order they were added, on the stream thread. */
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** An input record was read (the topology calls this for every record, first). */
    public void recordConsumed() {
        counts.addConsumed();
        listeners.forEach(SessionListener::onRecordConsumed);
    }

    /** A record went to the dead-letter topic. */
    public void deadLettered(RejectReason reason) {
        counts.addDeadLetter();
        listeners.forEach(l -> l.onDeadLetter(reason));
    }

    /** Something failed that is not the input's fault; the service goes on. */
    public void processingError(String stage) {
        listeners.forEach(l -> l.onProcessingError(stage));
    }

    public SessionCounts counts() {
        return counts;
    }

    public String modelId() {
        return settings.modelId();
    }

    /**
     * Takes one decoded pair: holds it out for the evaluation, or adds it to the batch and, when the
     * batch is full, starts its step. Returns what a finished step left to publish (see the class
     * comment: with a trainer thread, that is an earlier step's). A pair from an input record that
     * the restored state has already learned or this run has already read (Kafka replays what came
     * after its last commit) is skipped; so is every pair once the run finished or was {@link #pause paused}: not seen, it is
     * read again after a restart.
     */
    public synchronized Outcome accept(DecodedPair pair) {
        if (finished || paused) {
            return poll();
        }
        SourceRecord source = pair.source();
        if (source != null) {
            if (ledger.accountedFor(source.partition(), source.offset())) {
                if (skippingLogged.add(source.partition())) {
                    log.info(
                            "{}: skipping records below offset {}, which the restored checkpoint has learned"
                                    + " or this run has read",
                            source.partition(),
                            ledger.reached(source.partition()));
                }
                listeners.forEach(SessionListener::onReplaySkipped);
                return poll();
            }
            ledger.seen(source.partition(), source.offset());
        }
        if (evaluation.holdsOut(pair)) {
            return poll();
        }
        buffer.add(pair);
        return buffer.isFull() ? trainFullBatch() : poll();
    }

    /** Settles the step that finished, if one did; never waits. */
    public synchronized Outcome poll() {
        InFlight f = inFlight;
        return f != null && f.result().isDone() ? settle(f) : Outcome.NOTHING;
    }

    /**
     * Starts the full batch's step once the one before has finished: before settling that one if
     * it can be settled beside the new step, after it otherwise.
     */
    private Outcome trainFullBatch() {
        InFlight last = inFlight;
        if (last == null) {
            launch();
            return poll(); // on the caller's thread the step is done now
        }
        Stepped ended = last.result().exceptionally(e -> null).join(); // null: it threw; settle() says why
        if (ended != null && !needsIdleTrainer(ended.result().step())) {
            launch();
            return settle(last);
        }
        Outcome settled = settle(last);
        launch();
        return settled.empty() ? poll() : settled;
    }

    /**
     * True if settling this step reads or writes the model (an evaluation, a checkpoint, an
     * export) or may end the run: then no other step may run meanwhile. A report alone does not:
     * the bank's figures it needs were read right after the step.
     */
    private boolean needsIdleTrainer(long step) {
        boolean mayFinish = settings.maxSteps() > 0 && stepsThisRun + 1 >= settings.maxSteps();
        return mayFinish || (reportDue(step) && evaluationDue(step)) || checkpointDue(step) || exportDue(step);
    }

    // What settling a step does besides learning it; with the run finished, everything is due.

    private boolean reportDue(long step) {
        return finished || step % settings.reportEvery() == 0;
    }

    /** Asked only of a step that reports. */
    private boolean evaluationDue(long step) {
        return settings.knnEvery() > 0 && (finished || step % settings.knnEvery() == 0);
    }

    private boolean checkpointDue(long step) {
        return finished || (settings.checkpointEvery() > 0 && step - lastCheckpointStep >= settings.checkpointEvery());
    }

    private boolean exportDue(long step) {
        return settings.exportDir() != null
                && (finished || (settings.exportEvery() > 0 && step % settings.exportEvery() == 0));
    }

    /** Hands the full batch to the trainer thread, unless the run finished or was paused. */
    private void launch() {
        synchronized (launching) {
            if (finished || paused) {
                return; // the batch waits in the buffer, and the saved positions stop before it
            }
            BatchBuffer.Full full = buffer.drain();
            inFlight = new InFlight(full, trainerThread.submit(() -> stepAndAfter(full.batch())));
        }
    }

    /** On the trainer thread: the step, then the work that must see each step's weights. */
    private Stepped stepAndAfter(TrainingBatch batch) {
        StepResult result = step.run(trainer, batch);
        // Read here, before the next step moves the window; a report that comes off the cadence (the
        // run's last step) reads it when it settles, alone (see windowOf).
        WindowStatistics window = result.step() % settings.reportEvery() == 0 ? trainer.windowStatistics() : null;
        Stepped stepped =
                new Stepped(result, trainer.bank().fillRatio(), trainer.bank().updateCounts(), window);
        for (Consumer<OnlineTrainer> work : afterEachStep) {
            try {
                work.accept(trainer);
            } catch (RuntimeException e) {
                log.error("work after step {} failed; training goes on", result.step(), e);
                processingError("after-step");
            }
        }
        return stepped;
    }

    /**
     * A finished step: its pairs learned (or rejected, when it threw), statistics and listeners
     * told, a report, checkpoint or export if one is due.
     */
    private Outcome settle(InFlight f) {
        if (inFlight == f) {
            inFlight = null;
        }
        Stepped stepped;
        try {
            stepped = TrainerThread.await(f.result());
        } catch (RuntimeException e) {
            return rejectBatch(f.batch(), e);
        }
        StepResult result = stepped.result();
        BatchBuffer.Full full = f.batch();
        for (SourceRecord s : full.sources()) {
            if (s != null) {
                ledger.learned(s.partition(), s.offset());
            }
        }
        stepsThisRun++;
        counts.addTrained(result.batchSize());
        listeners.forEach(l -> l.onStep(result));
        if (Double.isFinite(result.loss())) {
            stats.onStep(result); // a skipped step (non-finite loss) would only poison the window
        } else {
            log.error("step {}: non-finite loss {}; the update was skipped", result.step(), result.loss());
        }
        finished = settings.maxSteps() > 0 && stepsThisRun >= settings.maxSteps();
        long step = result.step();
        Outcome reported =
                reportDue(step) ? guarded("report", () -> report(stepped), Outcome.NOTHING) : Outcome.NOTHING;
        if (checkpointDue(step)) {
            guarded("checkpoint", this::checkpoint, false);
        }
        if (exportDue(step)) {
            guarded("export", this::export, null);
        }
        if (finished) {
            done.complete(result.step());
        }
        return new Outcome(result, full.sources(), reported.report(), reported.drifts(), finished, List.of());
    }

    /**
     * Stops starting steps and waits (up to {@code wait}) until the stream thread has settled the
     * one running, so that its results are published before the streams close. Called from the
     * thread that stops the service; pairs that arrive meanwhile are read again after a restart.
     */
    public void pause(Duration wait) throws InterruptedException {
        synchronized (launching) {
            paused = true; // no step starts after this; one that started before is in inFlight
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight != null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /**
     * A step threw: nothing was learned (the trainer leaves its state as it was), and the batch's
     * pairs go back to the caller for the dead-letter topic. The stack trace is logged: unlike
     * bad input, this is a bug or a broken device.
     */
    private Outcome rejectBatch(BatchBuffer.Full full, RuntimeException e) {
        String message = "training step failed on this record's batch: " + e;
        log.error(
                "training step {} failed; its {} pairs go to the dead-letter topic",
                trainer.step() + 1,
                full.batch().size(),
                e);
        processingError("step");
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < full.batch().size(); i++) {
            rejected.add(new Rejected(full.batch().ids()[i], full.sources()[i], message));
        }
        return new Outcome(null, null, null, List.of(), false, rejected);
    }

    /**
     * Runs work that is not any record's fault (evaluation, report, checkpoint, export); if it
     * throws, logs and counts it and goes on with {@code fallback}.
     */
    private <T> T guarded(String stage, Supplier<T> work, T fallback) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("{} at step {} failed; training goes on", stage, trainer.step(), e);
            processingError(stage);
            return fallback;
        }
    }

    /**
     * Makes the report of this step and the drift events it raises and tells every listener;
     * returns them as an outcome whose other fields the caller fills in.
     */
    private Outcome report(Stepped stepped) {
        long step = stepped.result().step();
        if (evaluationDue(step)) {
            guarded(
                    "evaluation",
                    () -> trainerThread.call(() -> {
                        evaluation.evaluate(trainer);
                        return null;
                    }),
                    null);
        }
        StatsReport stats = this.stats.report(stepped.bankFill(), windowOf(stepped));
        Map<Statistic, Double> values = new EnumMap<>(stats.values());
        values.put(Statistic.BANK_BLEND_SHARE, bankBlendShare(stepped.bankCounts()));
        evaluation.addTo(values);
        long now = wallClockMillis.getAsLong();
        List<DriftEvent> drifts = drift.onReport(settings.modelId(), step, now, values);
        values.put(Statistic.UNIFORMITY_DRIFT, drift.statistic(Statistic.UNIFORMITY));
        values.put(Statistic.TOLERANCE_DRIFT, drift.statistic(Statistic.TOLERANCE));
        MetricsRecord record = new MetricsRecord(
                settings.modelId(),
                step,
                now,
                counts.pairsTrained(),
                counts.deadLetters(),
                trainer.settings().tau(),
                settings.batchSize(),
                trainer.settings().queueSize(),
                values,
                stats.positiveHistogram(),
                stats.negativeHistogram());
        for (SessionListener l : listeners) {
            l.onReport(record);
        }
        for (DriftEvent e : drifts) {
            log.warn(
                    "drift of {} ({}) at step {}: {} against a baseline of {}",
                    e.statistic(),
                    e.direction(),
                    step,
                    String.format("%.3f", e.value()),
                    String.format("%.3f", e.baseline()));
            listeners.forEach(l -> l.onDrift(e));
        }
        return new Outcome(null, null, record, drifts, false, List.of());
    }

    /** The window statistics read after the step, or read now from the trainer, idle then. */
    private WindowStatistics windowOf(Stepped stepped) {
        return stepped.window() != null ? stepped.window() : trainerThread.call(trainer::windowStatistics);
    }

    /**
     * The share of the bank's updates since the previous report that blended an existing slot
     * (NaN for a bank without per-id slots, or without updates); warns when ids come back after
     * their slot was given away, which means the bank is too small for the stream's ids.
     */
    private double bankBlendShare(NegativeBank.UpdateCounts now) {
        NegativeBank.UpdateCounts before = bankCountsAtReport;
        bankCountsAtReport = now;
        long returns = now.returnsAfterEviction() - before.returnsAfterEviction();
        if (returns > 0 && !bankTooSmallLogged) {
            bankTooSmallLogged = true;
            log.warn(
                    "the instance bank ({} slots) gave away the slots of {} ids that came back since the last report:"
                            + " the stream has more distinct ids than slots, so the bank acts as a FIFO and"
                            + " --bank-momentum never blends; raise --bank-capacity to the number of distinct ids"
                            + " (0: one slot per id)",
                    trainer.bank().capacity(),
                    returns);
        }
        long updates = now.updates() - before.updates();
        return updates == 0 ? Double.NaN : (double) (now.blends() - before.blends()) / updates;
    }

    /**
     * Exports the encoder as it is now into the export folder, and makes it the reference of the
     * stability statistics; returns the artifact's folder.
     */
    public synchronized Path export() {
        requireIdleTrainer("export");
        Path dir = trainerThread.call(() -> {
            try {
                Path exported = ModelExporter.export(trainer, settings.modelId(), settings.exportDir());
                evaluation.markExported(trainer);
                return exported;
            } catch (IOException e) {
                throw new UncheckedIOException("export at step " + trainer.step() + " failed", e);
            }
        });
        lastExportStep = trainer.step();
        log.info("exported the encoder at step {} to {}", trainer.step(), dir);
        return dir;
    }

    private void requireIdleTrainer(String what) {
        if (inFlight != null) {
            throw new IllegalStateException(what + " while a step is in flight");
        }
    }

    /**
     * Saves state if a store is configured and anything changed (the model, or the input it
     * accounts for); true if it saved. Pairs waiting for a batch are not in the saved state: the
     * saved positions stop before them, so a restart reads them again.
     */
    public synchronized boolean checkpoint() {
        if (checkpoints == null) {
            return false;
        }
        requireIdleTrainer("checkpoint");
        Map<TopicPartition, Long> waiting = new HashMap<>(buffer.firstWaiting());
        unpublished.forEach((tp, offset) -> waiting.merge(tp, offset, Math::min));
        Map<TopicPartition, Long> positions = ledger.positions(waiting);
        if (trainer.step() == lastCheckpointStep && positions.equals(savedPositions)) {
            return false;
        }
        long t0 = System.nanoTime();
        trainerThread.call(() -> {
            try {
                checkpoints.save(trainer.step(), ledger, positions, trainer::writeState);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("checkpoint at step " + trainer.step() + " failed", e);
            }
        });
        lastCheckpointStep = trainer.step();
        savedPositions = positions;
        checkpointsWritten++;
        log.info("checkpoint at step {} ({} ms)", lastCheckpointStep, (System.nanoTime() - t0) / 1_000_000);
        return true;
    }

    /**
     * Checkpoints saved so far: each stream task asks Kafka Streams to commit when it sees this
     * grow, so that committed offsets follow the saved state on every stream thread.
     */
    public long checkpointsWritten() {
        return checkpointsWritten;
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

    /** True while a step has started and is not yet settled. */
    public boolean stepInFlight() {
        return inFlight != null;
    }

    /** Pairs waiting for a full batch. */
    public int buffered() {
        return buffer.size();
    }

    public OnlineTrainer trainer() {
        return trainer;
    }

    /** The input this session's model accounts for. */
    public InputLedger ledger() {
        return ledger;
    }

    /**
     * Settles a step still in flight, saves a last checkpoint and export (when configured) and
     * releases the model. Called after the stream thread stopped: a step settled here cannot
     * publish, so when it failed its pairs are left for the next run to read again rather than
     * lost, and when it succeeded the loss of its embeddings is logged.
     */
    @Override
    public synchronized void close() {
        try {
            InFlight f = inFlight;
            if (f != null) {
                Outcome last = settle(f);
                if (!last.rejected().isEmpty()) {
                    unpublished = f.batch().firstOffsets();
                } else if (last.step() != null) {
                    log.warn(
                            "step {} finished after the streams closed: its embeddings and report were not published",
                            last.step().step());
                }
            }
            guarded("checkpoint", this::checkpoint, false);
            if (settings.exportDir() != null && lastExportStep != trainer.step()) {
                guarded("export", this::export, null);
            }
        } finally {
            try {
                trainerThread.close();
            } finally {
                trainer.close();
            }
        }
    }
}
