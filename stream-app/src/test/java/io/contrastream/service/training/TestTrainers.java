package io.contrastream.service.training;

import io.contrastream.encoder.EncoderSpec;

/** The small CPU trainer the tests share: 16-pixel grey images, width 8, 32-dimensional embeddings. */
public final class TestTrainers {

    public static final EncoderSpec SPEC = new EncoderSpec(1, 16, 8, 32);

    private TestTrainers() {}

    /** InfoNCE at tau 0.2 on a queue of {@code queue} keys, Adam at {@code learningRate}, seed 7. */
    public static TrainerSettings small(int queue, double learningRate) {
        return new TrainerSettings(
                SPEC,
                LossSpec.contrastive(0.2),
                BankKind.QUEUE,
                queue,
                0,
                0.5,
                0.9,
                OptimizerKind.ADAM,
                learningRate,
                1e-4,
                new StatisticsSettings(4, 10, 64),
                "cpu",
                7,
                0,
                Precision.FP32);
    }
}
