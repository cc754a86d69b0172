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
}
