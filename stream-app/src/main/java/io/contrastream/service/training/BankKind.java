package io.contrastream.service.training;

/** The memory banks the service offers. */
public enum BankKind {
    /** FIFO of the most recent keys (MoCo); any stream. */
    QUEUE,
    /** One slot per sample id, updated by moving average (the paper's); replayed datasets. */
    INSTANCE
}
