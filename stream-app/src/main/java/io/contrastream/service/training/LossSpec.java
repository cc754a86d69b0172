package io.contrastream.service.training;

/**
 * Which loss, at which temperature, and for the hard losses which negatives count.
 *
 * @param kind the loss
 * @param tau the temperature (unused by the simple losses)
 * @param hardQuantile the hard losses keep, per anchor, the negatives at or above its upper
 *     {@code hardQuantile} similarity quantile: the top {@code ceil(hardQuantile * N)}
 * @param hardTopK when above 0, the hard losses keep exactly this many nearest negatives instead
 */
public record LossSpec(LossKind kind, double tau, double hardQuantile, int hardTopK) {

    public LossSpec {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be > 0");
        }
        if (!(hardQuantile > 0 && hardQuantile <= 1) || hardTopK < 0) {
            throw new IllegalArgumentException("hard quantile in (0, 1], hard top-k >= 0");
        }
    }

    public static LossSpec contrastive(double tau) {
        return new LossSpec(LossKind.CONTRASTIVE, tau, 0.1, 0);
    }

    /** How many of {@code negatives} the loss keeps per anchor. */
    public int keptNegatives(int negatives) {
        if (!kind.selectsHardNegatives()) {
            return negatives;
        }
        int k = hardTopK > 0 ? hardTopK : (int) Math.ceil(hardQuantile * negatives);
        return Math.max(1, Math.min(negatives, k));
    }

    /** A short name for logs, tables and file names, e.g. {@code hard-0.2}. */
    public String label() {
        String name = kind.name().toLowerCase().replace('_', '-');
        return kind == LossKind.SIMPLE || kind == LossKind.HARD_SIMPLE ? name : name + "-" + tau;
    }
}
