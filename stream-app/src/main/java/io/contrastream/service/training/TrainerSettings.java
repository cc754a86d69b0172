package io.contrastream.service.training;

import io.contrastream.encoder.EncoderSpec;

/**
 * Hyper-parameters of the online trainer.
 *
 * @param encoder the architecture
 * @param loss the loss and its temperature
 * @param bank the kind of negative bank
 * @param queueSize negatives per step from the bank: the queue's length, or the instance bank's
 *     sample (0: in-batch negatives only)
 * @param bankCapacity slots of the instance bank (0: one per distinct id)
 * @param bankMomentum m of the instance bank's update {@code normalize(m v + (1 - m) k)}
 * @param keyMomentum m in theta_k = m theta_k + (1 - m) theta_q
 * @param optimizer the optimiser
 * @param learningRate its learning rate
 * @param weightDecay L2 weight decay
 * @param statistics what is measured beside each step
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param seed seeds the initial weights
 * @param torchThreads libtorch's intra-op threads, process-wide (0: its default, one per core)
 * @param precision what the encoder computes in
 */
public record TrainerSettings(
        EncoderSpec encoder,
        LossSpec loss,
        BankKind bank,
        int queueSize,
        int bankCapacity,
        double bankMomentum,
        double keyMomentum,
        OptimizerKind optimizer,
        double learningRate,
        double weightDecay,
        StatisticsSettings statistics,
        String device,
        long seed,
        int torchThreads,
        Precision precision) {

    public TrainerSettings {
        if (bankMomentum < 0 || bankMomentum >= 1) {
            throw new IllegalArgumentException("bank momentum must be in [0, 1)");
        }
        if (keyMomentum < 0 || keyMomentum >= 1) {
            throw new IllegalArgumentException("key momentum must be in [0, 1)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0");
        }
        if (torchThreads < 0) {
            throw new IllegalArgumentException("torch threads must be >= 0");
        }
        if (queueSize < 0 || bankCapacity < 0) {
            throw new IllegalArgumentException("queue size >= 0, bank capacity >= 0");
        }
    }

    public double tau() {
        return loss.tau();
    }

    public NegativeBank newBank() {
        return switch (bank) {
            case QUEUE -> new QueueBank(queueSize, encoder.embeddingDim());
            case INSTANCE -> new InstanceBank(bankCapacity, queueSize, encoder.embeddingDim(), bankMomentum, seed);
        };
    }

    /** The same trainer with another loss (the sweep's runs). */
    public TrainerSettings withLoss(LossSpec other) {
        return new TrainerSettings(
                encoder,
                other,
                bank,
                queueSize,
                bankCapacity,
                bankMomentum,
                keyMomentum,
                optimizer,
                learningRate,
                weightDecay,
                statistics,
                device,
                seed,
                torchThreads,
                precision);
    }

    /** The same trainer computing in another precision. */
    public TrainerSettings withPrecision(Precision other) {
        return new TrainerSettings(
                encoder,
                loss,
                bank,
                queueSize,
                bankCapacity,
                bankMomentum,
                keyMomentum,
                optimizer,
                learningRate,
                weightDecay,
                statistics,
                device,
                seed,
                torchThreads,
                other);
    }
}
