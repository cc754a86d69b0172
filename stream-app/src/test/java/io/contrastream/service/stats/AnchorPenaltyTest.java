package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.service.training.LossKind;
import io.contrastream.service.training.LossSpec;
import io.contrastream.service.vectors.VectorQueue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnchorPenaltyTest {

    static final int[] NONE = {};

    static final int NL = VectorQueue.NO_LABEL;

    @Test
    void equalSimilaritiesSpreadThePenaltyUniformly() {
        int n = 200;
        float[] row = new float[n + 1];
        Arrays.fill(row, 0.3f);
        row[0] = 0.9f; // the positive, excluded
        AnchorPenalty p = AnchorPenalty.of(row, 0, NONE, new int[n + 1], NL, LossSpec.contrastive(0.1), 5);
        assertThat(p.negatives()).isEqualTo(n);
        assertThat(p.entropy()).isCloseTo(Math.log(n), within(1e-9));
        assertThat(p.effectiveRatio()).isCloseTo(1.0, within(1e-9));
        assertThat(p.hardestShare()).isCloseTo(2.0 / n, within(1e-9)); // ceil(1% of 200) = 2
        assertThat(p.falseNegativeShare()).isNaN();
    }

    @Test
    void oneDominantNegativeTakesThePenaltyAtSmallTemperature() {
        float[] row = new float[101];
        row[7] = 0.9f;
        AnchorPenalty p = AnchorPenalty.of(row, 0, NONE, new int[101], NL, LossSpec.contrastive(0.01), 5);
        assertThat(p.entropy()).isCloseTo(0.0, within(1e-6));
        assertThat(p.effectiveRatio()).isCloseTo(0.01, within(1e-6));
        assertThat(p.hardestShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void twoNegativesMatchTheBoltzmannDistributionByHand() {
        // tau = 1, negatives s = 0 and ln 3: r = (1/4, 3/4).
        float[] row = {0.5f, 0f, (float) Math.log(3)};
        AnchorPenalty p = AnchorPenalty.of(row, 0, NONE, new int[3], NL, LossSpec.contrastive(1.0), 1);
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertThat(p.entropy()).isCloseTo(h, within(1e-6));
        assertThat(p.effectiveRatio()).isCloseTo(Math.exp(h) / 2, within(1e-6));
        assertThat(p.hardestShare()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void entropyFallsAsTemperatureFalls() {
        float[] row = new float[500];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.sin(i * 0.37);
        }
        double previous = Double.MAX_VALUE;
        for (double tau : new double[] {1.0, 0.5, 0.2, 0.07}) {
            AnchorPenalty p = AnchorPenalty.of(row, 3, NONE, new int[500], NL, LossSpec.contrastive(tau), 5);
            assertThat(p.entropy()).isLessThan(previous);
            previous = p.entropy();
        }
    }

    @Test
    void theSimpleLossPushesEveryNegativeEquallyAndTheHardLossOnlyItsNearest() {
        float[] row = new float[401];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.cos(i * 0.7);
        }
        AnchorPenalty simple =
                AnchorPenalty.of(row, 0, NONE, new int[401], NL, new LossSpec(LossKind.SIMPLE, 0.2, 0.1, 0), 5);
        assertThat(simple.entropy()).isCloseTo(Math.log(400), within(1e-9));
        assertThat(simple.hardestShare()).isCloseTo(4.0 / 400, within(1e-9));
        AnchorPenalty hardSimple =
                AnchorPenalty.of(row, 0, NONE, new int[401], NL, new LossSpec(LossKind.HARD_SIMPLE, 0.2, 0.1, 0), 5);
        assertThat(hardSimple.entropy()).isCloseTo(Math.log(40), within(1e-9));
        assertThat(hardSimple.effectiveRatio()).isCloseTo(0.1, within(1e-9));
        AnchorPenalty hard =
                AnchorPenalty.of(row, 0, NONE, new int[401], NL, new LossSpec(LossKind.HARD, 1.0, 0.1, 0), 5);
        AnchorPenalty all = AnchorPenalty.of(row, 0, NONE, new int[401], NL, LossSpec.contrastive(1.0), 5);
        assertThat(hard.entropy()).isLessThan(Math.log(40)).isLessThan(all.entropy());
        assertThat(hard.hardestShare()).isGreaterThan(all.hardestShare());
    }

    @Test
    void anExcludedColumnIsNoNegative() {
        // Column 2 holds the anchor's own sample (0.95): without it, the negatives are 0 and ln 3.
        float[] row = {0.5f, 0f, 0.95f, (float) Math.log(3)};
        AnchorPenalty p = AnchorPenalty.of(row, 0, new int[] {2}, new int[4], NL, LossSpec.contrastive(1.0), 1);
        assertThat(p.negatives()).isEqualTo(2);
        assertThat(p.hardestShare()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void everyColumnOfTheAnchorsOwnSampleIsExcludedAsTheLossExcludesIt() {
        // An in-batch duplicate of the anchor (column 1, 0.9, same label) and its bank slot
        // (column 4, 0.99): neither is a negative, nor a false negative.
        float[] row = {0.5f, 0.9f, 0f, (float) Math.log(3), 0.99f};
        int[] labels = {7, 7, 1, 1, 7};
        AnchorPenalty p = AnchorPenalty.of(row, 0, new int[] {1, 4}, labels, 7, LossSpec.contrastive(1.0), 1);
        assertThat(p.negatives()).isEqualTo(2);
        assertThat(p.hardestShare()).isCloseTo(0.75, within(1e-6));
        assertThat(p.falseNegativeShare()).isZero();
    }

    @Test
    void falseNegativeShareCountsTheAnchorsLabelAmongTheHardestLabelledNegatives() {
        // Columns: 0 positive; negatives by similarity: c4 .9 (label 2), c1 .8 (unlabelled),
        // c2 .7 (label 2), c3 .1 (label 5), c5 .0 (label 2). Top-3 labelled: c4, c2, c3 -> 2/3.
        float[] row = {1f, .8f, .7f, .1f, .9f, 0f};
        int[] labels = {2, NL, 2, 5, 2, 2};
        AnchorPenalty p = AnchorPenalty.of(row, 0, NONE, labels, 2, LossSpec.contrastive(0.2), 3);
        assertThat(p.falseNegativeShare()).isCloseTo(2.0 / 3, within(1e-9));
    }

    /**
     * The selection-based statistics against the definition computed the slow way: every
     * negative sorted, hardest first, for every loss, with unlabelled and excluded columns.
     */
    @Test
    void matchesAFullSortOnRandomRows() {
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int columns = 3 + random.nextInt(600);
            float[] row = new float[columns];
            int[] labels = new int[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextInt(4) == 0 ? 0.25f : random.nextFloat() * 2 - 1; // ties too
                labels[c] = random.nextInt(5) == 0 ? NL : random.nextInt(4);
            }
            int positive = random.nextInt(columns);
            int[] excluded = random.nextBoolean() ? NONE : new int[] {(positive + 1) % columns};
            LossKind kind = LossKind.values()[trial % LossKind.values().length];
            LossSpec loss = new LossSpec(kind, 0.05 + random.nextDouble(), 0.2, trial % 3 == 0 ? 7 : 0);
            int anchorLabel = random.nextInt(6) == 0 ? NL : random.nextInt(4);
            AnchorPenalty fast = AnchorPenalty.of(row, positive, excluded, labels, anchorLabel, loss, 10);
            double[] slow = bySorting(row, positive, excluded, labels, anchorLabel, loss, 10);
            assertThat(fast.entropy()).isCloseTo(slow[0], within(1e-9));
            assertThat(fast.hardestShare()).isCloseTo(slow[1], within(1e-9));
            if (Double.isNaN(slow[2])) {
                assertThat(fast.falseNegativeShare()).isNaN();
            } else {
                assertThat(fast.falseNegativeShare()).isCloseTo(slow[2], within(1e-12));
            }
        }
    }

    /** Entropy, hardest share and false-negative share, straight from the definitions. */
    private static double[] bySorting(
            float[] row, int positive, int[] excluded, int[] labels, int anchorLabel, LossSpec loss, int topK) {
        java.util.List<Integer> negatives = new java.util.ArrayList<>();
        for (int c = 0; c < row.length; c++) {
            if (c != positive && !AnchorPenalty.isExcluded(c, excluded)) {
                negatives.add(c);
            }
        }
        // Hardest first; equal similarities by column, as the statistics break ties.
        negatives.sort((a, b) -> row[a] != row[b] ? Float.compare(row[b], row[a]) : Integer.compare(b, a));
        int n = negatives.size();
        int kept = loss.keptNegatives(n);
        int hardest = Math.min(kept, Math.max(1, (int)
                Math.ceil(io.contrastream.service.training.StepStatistics.HARDEST_FRACTION * n)));
        double[] w = new double[kept];
        double z = 0;
        for (int i = 0; i < kept; i++) {
            w[i] = loss.kind().weighsByTemperature() ? Math.exp(row[negatives.get(i)] / loss.tau()) : 1;
            z += w[i];
        }
        double entropy = 0;
        double hardMass = 0;
        for (int i = 0; i < kept; i++) {
            entropy -= w[i] / z * Math.log(w[i] / z);
            hardMass += i < hardest ? w[i] / z : 0;
        }
        int labelled = 0;
        int same = 0;
        for (int i = 0; i < n && labelled < topK && anchorLabel != NL; i++) {
            int label = labels[negatives.get(i)];
            if (label != NL) {
                labelled++;
                same += label == anchorLabel ? 1 : 0;
            }
        }
        return new double[] {entropy, hardMass, labelled == 0 ? Double.NaN : (double) same / labelled};
    }
}
