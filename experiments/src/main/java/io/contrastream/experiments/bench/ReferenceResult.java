package io.contrastream.experiments.bench;

/**
 * The PyTorch reference's side of a benchmark run, or why there is none.
 *
 * @param pairsPerSecond its median rate; NaN when it did not run
 * @param bf16PairsPerSecond its median rate with the forward passes under bfloat16 autocast:
 *     what that lever is worth on this machine
 * @param firstLossDifference |loss_java - loss_torch| of step 1: same weights, same batch, so
 *     the two steps agree when this is below {@link #AGREEMENT}
 * @param maxLossDifference the largest difference over the first {@link #COMPARED_STEPS} steps,
 *     where the two optimisers' rounding starts to show
 * @param torchVersion the torch it ran with
 * @param threads the intra-op threads it ran with
 * @param missing why it did not run; null when it did
 */
public record ReferenceResult(
        double pairsPerSecond,
        double bf16PairsPerSecond,
        double firstLossDifference,
        double maxLossDifference,
        String torchVersion,
        int threads,
        String missing) {

    /** Largest step-1 loss difference at which the two implementations count as the same step. */
    public static final double AGREEMENT = 1e-4;

    public static final int COMPARED_STEPS = 5;

    static ReferenceResult missing(String why) {
        return new ReferenceResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, 0, why);
    }

    static ReferenceResult of(PytorchReference.Run run, PytorchReference.Run bf16, double[] javaLosses) {
        int n = Math.min(COMPARED_STEPS, Math.min(run.losses().length, javaLosses.length));
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(run.losses()[i] - javaLosses[i]));
        }
        return new ReferenceResult(
                run.pairsPerSecond(),
                bf16.pairsPerSecond(),
                Math.abs(run.losses()[0] - javaLosses[0]),
                max,
                run.torchVersion(),
                run.threads(),
                null);
    }

    public boolean ran() {
        return missing == null;
    }

    public boolean agrees() {
        return ran() && firstLossDifference <= AGREEMENT;
    }
}
