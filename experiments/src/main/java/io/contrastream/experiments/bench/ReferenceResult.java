package io.contrastream.experiments.bench;

/**
 * The PyTorch reference's side of a benchmark run, or why there is none.
 *
 * @param pairsPerSecond its median rate; NaN when it did not run
 * @param bf16PairsPerSecond its median rate with the forward passes under bfloat16 autocast:
 *     what that lever is worth on this machine
 * @param firstLossDifference |loss_java - loss_torch| of step 1: same weights, same batch, so
 *     the two steps agree when this is below {@link #agreement()}; a bfloat16 Java step is
 *     compared with the bfloat16 reference
 * @param maxLossDifference the largest difference over the first {@link #COMPARED_STEPS} steps,
 *     where the two optimisers' rounding starts to show
 * @param torchVersion the torch it ran with
 * @param threads the intra-op threads it ran with
 * @param bf16 whether the Java step, and so the compared reference run, computed in bfloat16
 * @param missing why it did not run; null when it did
 */
public record ReferenceResult(
        double pairsPerSecond,
        double bf16PairsPerSecond,
        double firstLossDifference,
        double maxLossDifference,
        String torchVersion,
        int threads,
        boolean bf16,
        String missing) {

    /** Largest step-1 loss difference at which two float32 steps count as the same step. */
    public static final double AGREEMENT = 1e-4;

    /**
     * The same for a bfloat16 step against PyTorch's autocast: 8 bits of mantissa leave more room
     * for the two to round apart (measured: 4.8e-7 at step 1, 1.1e-3 by step 5).
     */
    public static final double BF16_AGREEMENT = 1e-3;

    public static final int COMPARED_STEPS = 5;

    static ReferenceResult missing(String why) {
        return new ReferenceResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, 0, false, why);
    }

    /** @param bf16 the autocast run, or null when it was not timed */
    static ReferenceResult of(
            PytorchReference.Run run, PytorchReference.Run bf16, double[] javaLosses, boolean javaBf16) {
        double[] compared = (javaBf16 ? bf16 : run).losses();
        int n = Math.min(COMPARED_STEPS, Math.min(compared.length, javaLosses.length));
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(compared[i] - javaLosses[i]));
        }
        return new ReferenceResult(
                run.pairsPerSecond(),
                bf16 == null ? Double.NaN : bf16.pairsPerSecond(),
                Math.abs(compared[0] - javaLosses[0]),
                max,
                run.torchVersion(),
                run.threads(),
                javaBf16,
                null);
    }

    public boolean ran() {
        return missing == null;
    }

    public double agreement() {
        return bf16 ? BF16_AGREEMENT : AGREEMENT;
    }

    public boolean agrees() {
        return ran() && firstLossDifference <= agreement();
    }
}
