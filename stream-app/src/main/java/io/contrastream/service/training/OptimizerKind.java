package io.contrastream.service.training;

/** Optimisers the service offers. */
public enum OptimizerKind {
    /** SGD with momentum 0.9 and weight decay, as in the paper. */
    SGD,
    /** Adam; forgiving of learning rate on small online batches. */
    ADAM
}
