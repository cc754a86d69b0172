package io.contrastream.service.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.encoder.Encoders;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One contrastive encoder trained online, one batch at a time (MoCo v1 recipe with in-batch
 * negatives): queries from the trained encoder on view 1, keys from the momentum encoder on
 * view 2, the configured loss over [in-batch keys | bank], then the optimiser step, the momentum
 * pull and the bank update with the new keys. Not thread-safe: one trainer lives on one stream
 * thread.
 */
public final class OnlineTrainer implements AutoCloseable {

    private final TrainerSettings settings;
    private final Device device;
    private final Model model;
    private final Trainer trainer;
    private final FlatParameters parameters;
    private final FlatOptimizer optimizer;
    private final MomentumEncoder keyEncoder;
    private final NegativeBank bank;
    private final BankOnDevice bankOnDevice;
    private final EmbeddingWindow window;

    private final long[] phaseNanos = new long[StepPhase.values().length];

    private long step;

    /** A freshly initialised trainer. */
    public static OnlineTrainer create(TrainerSettings settings) {
        try {
            return built(settings, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // nothing is read without saved state
        }
    }

    /** A trainer restored from state written by {@link #writeState}. */
    public static OnlineTrainer restore(TrainerSettings settings, DataInputStream saved) throws IOException {
        return built(settings, saved);
    }

    /**
     * Parameters are loaded, and moved into their flat array, before DJL's trainer first sees
     * them: its parameter store keeps references to the arrays it was initialised with.
     */
    private OnlineTrainer(TrainerSettings settings, DataInputStream saved) throws IOException {
        this.settings = settings;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());
        this.device = Devices.select(settings.device());
        settings.precision().requireSupport(device);
        EncoderSpec spec = settings.encoder();
        this.model = Model.newInstance("contrastream-encoder", device, "PyTorch");
        Block block = settings.precision().wrap(Encoders.residualCnn(spec));
        if (saved != null) {
            step = saved.readLong();
            try {
                block.loadParameters(model.getNDManager(), saved);
            } catch (MalformedModelException e) {
                throw new IOException("saved encoder does not match: " + e.getMessage(), e);
            }
        }
        block.initialize(model.getNDManager(), DataType.FLOAT32, spec.inputShape(1));
        this.parameters = FlatParameters.adopt(block, model.getNDManager());
        this.optimizer = FlatOptimizer.of(
                settings, model.getNDManager(), parameters.weights().getShape());
        model.setBlock(block);
        // The loss is computed on the similarity matrix and the optimiser is ours; DJL's Trainer
        // (forward passes, gradient collection) insists on a Loss object, used for nothing here.
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.l2Loss("unused")).optDevices(new Device[] {device});
        this.trainer = model.newTrainer(config);
        trainer.initialize(spec.inputShape(1));
        this.keyEncoder = new MomentumEncoder(
                settings.precision().wrap(Encoders.residualCnn(spec)), parameters, model.getNDManager(), spec, saved);
        this.bank = settings.newBank();
        if (saved != null) {
            bank.readFrom(saved);
        }
        this.bankOnDevice = BankOnDevice.of(bank, model.getNDManager(), spec.embeddingDim());
        this.window =
                new EmbeddingWindow(model.getNDManager(), settings.statistics().windowSize(), spec.embeddingDim());
    }

    /**
     * Built on one thread, trained on another (the session's trainer thread): serially, so that the
     * building thread keeps no OpenMP team (see {@link TorchRuntime#serially}); training then runs
     * with {@code --torch-threads}.
     */
    private static OnlineTrainer built(TrainerSettings settings, DataInputStream saved) throws IOException {
        return TorchRuntime.serially(settings.torchThreads(), () -> new OnlineTrainer(settings, saved));
    }

    public StepResult step(TrainingBatch batch) {
        long start = System.nanoTime();
        PhaseClock clock = new PhaseClock(start);
        int b = batch.size();
        if (b < 2) {
            throw new IllegalArgumentException("a contrastive step needs at least 2 pairs");
        }
        EncoderSpec spec = settings.encoder();
        int dim = spec.embeddingDim();
        int sampled = Math.min(settings.statistics().sampledAnchors(), b);
        int[] columnLabels = columnLabels(batch.labels());
        int[][] own = ownColumns(batch.ids(), bank.slotsOf(batch.ids()));
        float[] queries;
        float[] positives;
        double lossValue;
        StepStatistics statistics = StepStatistics.none();
        long statsNanos = 0;
        // The batch-norm statistics as they were before this step, kept apart from the step's own
        // arrays: a step that fails or meets a non-finite loss puts them back.
        try (NDManager saved = model.getNDManager().newSubManager()) {
            NDArray runningStats = Tensors.in(saved, parameters.statistics().duplicate());
            try {
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    clock.lap(StepPhase.OTHER);
                    NDArray x1 = Encoders.input(scope, batch.view1(), b, spec);
                    NDArray x2 = Encoders.input(scope, batch.view2(), b, spec);
                    int negatives = bank.negatives();
                    NDArray bankKeys = bankOnDevice.negatives(scope);
                    NDArray excluded = excludedColumns(scope, own, b + negatives);
                    clock.lap(StepPhase.INPUT);
                    NDArray keys = keyEncoder.encode(x2);
                    clock.lap(StepPhase.KEY_FORWARD);
                    NDArray q;
                    NDArray sims;
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        q = trainer.forward(new NDList(x1)).singletonOrThrow();
                        FaultInjection.maybeFail(batch.ids());
                        clock.lap(StepPhase.QUERY_FORWARD);
                        sims = q.matMul(keys.transpose());
                        if (bankKeys != null) {
                            sims = sims.concat(q.matMul(bankKeys.transpose()), 1);
                        }
                        NDArray loss = ContrastiveLoss.loss(settings.loss(), sims, excluded);
                        clock.lap(StepPhase.LOSS);
                        collector.backward(loss);
                        clock.lap(StepPhase.BACKWARD);
                        lossValue = loss.getFloat();
                        queries = q.toFloatArray();
                    }
                    float[] keyArray = keys.toFloatArray();
                    positives = rowDots(queries, keyArray, b, dim);
                    clock.lap(StepPhase.HOST_COPIES);
                    FlatParameters.Gradients gradients = parameters.gradients(scope);
                    boolean finite = Double.isFinite(lossValue)
                            && Double.isFinite(
                                    Tensors.in(scope, gradients.flat().abs())
                                            .sum()
                                            .getFloat());
                    clock.lap(StepPhase.GRADIENT_CHECK);
                    if (finite) {
                        long t0 = System.nanoTime();
                        statistics = DeviceStatistics.of(
                                sims.get(new NDIndex("0:{}", sampled)).stopGradient(),
                                Arrays.copyOf(own, sampled),
                                columnLabels,
                                Arrays.copyOf(batch.labels(), sampled),
                                settings.loss(),
                                settings.statistics().falseNegativeTopK());
                        window.add(q.stopGradient(), batch.labels());
                        statsNanos = System.nanoTime() - t0;
                        clock.lap(StepPhase.STATISTICS);
                        optimizer.step(scope, parameters.weights(), gradients.flat());
                        gradients.zeroFinite();
                        clock.lap(StepPhase.OPTIMISER);
                        keyEncoder.pullTowards(parameters, settings.keyMomentum());
                        clock.lap(StepPhase.MOMENTUM);
                        bankOnDevice.write(keys, b); // before the bank itself moves on
                        bank.update(batch.ids(), keyArray, batch.labels(), b);
                        clock.lap(StepPhase.BANK_UPDATE);
                    } else {
                        // A NaN or infinite loss or gradient must not reach the weights, the optimiser's
                        // moments, the batch-norm statistics or the bank: leave everything as it was.
                        lossValue = Double.isFinite(lossValue) ? Double.POSITIVE_INFINITY : lossValue;
                        discardGradients();
                        restoreRunningStatistics(runningStats);
                    }
                }
            } catch (RuntimeException e) {
                // Whatever failed, the batch leaves no trace: no gradients, batch-norm statistics
                // as they were, and the weights, optimiser and bank were not touched yet.
                discardGradients();
                restoreRunningStatistics(runningStats);
                throw e;
            }
        }
        clock.lap(StepPhase.OTHER);
        step++;
        return new StepResult(
                step,
                batch.ids(),
                lossValue,
                queries,
                positives,
                statistics,
                batch.labels(),
                System.nanoTime() - start,
                statsNanos);
    }

    /**
     * Uniformity and tolerance of the window of recent query embeddings (on the trainer's device);
     * on the thread that trains, between steps.
     */
    public WindowStatistics windowStatistics() {
        return window.statistics();
    }

    /**
     * Per anchor, the key columns of its own sample other than its positive: in-batch duplicates
     * of its id, then its bank slot. The loss masks exactly these, and the statistics skip them.
     */
    private static int[][] ownColumns(String[] ids, int[] ownSlots) {
        int[][] own = new int[ids.length][];
        for (int r = 0; r < ids.length; r++) {
            int[] out = new int[0];
            for (int j = 0; j < ids.length; j++) {
                if (j != r && ids[r] != null && ids[r].equals(ids[j])) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = j;
                }
            }
            if (ownSlots[r] >= 0) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = ids.length + ownSlots[r];
            }
            own[r] = out;
        }
        return own;
    }

    /** The loss's mask of {@link #ownColumns}, rows x columns; null when there are none (the usual case). */
    private static NDArray excludedColumns(NDManager scope, int[][] own, int columns) {
        float[] mask = null;
        for (int r = 0; r < own.length; r++) {
            for (int c : own[r]) {
                mask = mask == null ? new float[own.length * columns] : mask;
                mask[r * columns + c] = 1f;
            }
        }
        return mask == null ? null : scope.create(mask, new Shape(own.length, columns));
    }

    private void restoreRunningStatistics(NDArray snapshot) {
        Tensors.overwrite(parameters.statistics(), snapshot);
    }

    private void discardGradients() {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            parameters.overwriteGradients(scope);
        }
    }

    private int[] columnLabels(int[] batchLabels) {
        int[] bankLabels = bank.labels();
        int[] out = new int[batchLabels.length + bankLabels.length];
        System.arraycopy(batchLabels, 0, out, 0, batchLabels.length);
        System.arraycopy(bankLabels, 0, out, batchLabels.length, bankLabels.length);
        return out;
    }

    private static float[] rowDots(float[] a, float[] b, int rows, int dim) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            float s = 0;
            for (int d = 0; d < dim; d++) {
                s += a[r * dim + d] * b[r * dim + d];
            }
            out[r] = s;
        }
        return out;
    }

    /** Wall time spent in each {@link StepPhase} over all steps so far, indexed by ordinal. */
    public long[] phaseNanos() {
        return phaseNanos.clone();
    }

    /** Adds the time since the previous lap to a phase: one clock read per phase. */
    private final class PhaseClock {
        private long last;

        PhaseClock(long start) {
            this.last = start;
        }

        void lap(StepPhase phase) {
            long now = System.nanoTime();
            phaseNanos[phase.ordinal()] += now - last;
            last = now;
        }
    }

    /** Writes the encoder's parameters alone, as an exported model carries them. */
    public void saveEncoderParameters(DataOutputStream out) throws IOException {
        model.getBlock().saveParameters(out);
        out.flush();
    }

    /** The query encoder's weights and batch-norm statistics, copied out, in DJL's order. */
    public List<EncoderWeight> encoderWeights() {
        List<EncoderWeight> out = new ArrayList<>();
        for (var entry : model.getBlock().getParameters()) {
            NDArray value = entry.getValue().getArray();
            out.add(new EncoderWeight(entry.getKey(), value.getShape().getShape(), value.toFloatArray()));
        }
        return out;
    }

    /**
     * Copies the current encoder's weights and batch-norm statistics into the flat parameters of a
     * block of its architecture on the same device.
     */
    public void copyEncoderInto(FlatParameters target) {
        target.copyFrom(parameters);
    }

    /** Embeds images (B, C, H, W in [0, 1]) with the current query encoder, no gradients. */
    public float[] embed(float[] pixels, int count) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x = Encoders.input(scope, pixels, count, settings.encoder());
            return trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
        }
    }

    /**
     * A manager on the trainer's device for evaluation arithmetic next to its embeddings; the
     * caller closes it.
     */
    public NDManager newScope() {
        return model.getNDManager().newSubManager();
    }

    /** Writes step, encoder, momentum encoder and bank; the restoring constructor reads them. */
    public void writeState(DataOutputStream out) throws IOException {
        out.writeLong(step);
        model.getBlock().saveParameters(out);
        keyEncoder.save(out);
        bank.writeTo(out);
    }

    public long step() {
        return step;
    }

    public NegativeBank bank() {
        return bank;
    }

    public TrainerSettings settings() {
        return settings;
    }

    public Device device() {
        return device;
    }

    @Override
    public void close() {
        window.close();
        keyEncoder.close();
        bankOnDevice.close();
        trainer.close();
        model.close();
    }
}
