package io.contrastream.service.session;

import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.TrainingBatch;

/**
 * What the session runs on the trainer thread for each full batch: the model's training step, or
 * in the benchmark's data-path run a stand-in that returns at once, so that the rate of everything
 * around the step (consume, parse, decode, batch, publish) shows on its own.
 */
@FunctionalInterface
public interface TrainingStep {

    /** The model's own step. */
    TrainingStep TRAIN = OnlineTrainer::step;

    StepResult run(OnlineTrainer trainer, TrainingBatch batch);
}
