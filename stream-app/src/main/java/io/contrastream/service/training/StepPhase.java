package io.contrastream.service.training;

/**
 * The parts of one training step, in the order they run, as {@link OnlineTrainer#phaseNanos}
 * times them. On a CPU every kernel has finished when its call returns, so the times are the
 * parts' own; on a GPU kernels run ahead and their time lands where the host next waits for them.
 */
public enum StepPhase {
    /** Both views to tensors, the bank to a tensor, the mask of excluded columns. */
    INPUT("input and bank to tensors"),
    KEY_FORWARD("forward, key encoder"),
    QUERY_FORWARD("forward, query encoder"),
    LOSS("similarities and loss"),
    BACKWARD("backward"),
    /** Loss, queries and keys copied to the Java heap (embeddings out, the bank's heap copy). */
    HOST_COPIES("copies to the host"),
    GRADIENT_CHECK("finite-gradient check"),
    /** The hard-negative statistics and the embedding window, on the step's device. */
    STATISTICS("statistics on the device"),
    OPTIMISER("optimiser step"),
    MOMENTUM("momentum encoder update"),
    BANK_UPDATE("bank update"),
    /** Batch-norm snapshot, scope bookkeeping: what the step does around the others. */
    OTHER("other");

    private final String label;

    StepPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
