package io.contrastream.service.training;

/** The paper's four losses (Wang &amp; Liu 2021, section 4). */
public enum LossKind {
    /** InfoNCE over every negative. */
    CONTRASTIVE,
    /** InfoNCE over each anchor's hardest negatives only. */
    HARD,
    /** {@code -s_ii + lambda * sum_j s_ij}, lambda = 1/N: every negative pushed equally. */
    SIMPLE,
    /** The simple loss over each anchor's hardest negatives only. */
    HARD_SIMPLE;

    public boolean selectsHardNegatives() {
        return this == HARD || this == HARD_SIMPLE;
    }

    /**
     * Whether the penalty on the negatives is a Boltzmann distribution set by τ (the InfoNCE
     * losses); the simple losses weight every kept negative the same, by construction.
     */
    public boolean weighsByTemperature() {
        return this == CONTRASTIVE || this == HARD;
    }
}
