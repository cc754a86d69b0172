package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityHistogramTest {

    @Test
    void quantilesOfAnEvenSpreadAreWithinOneBin() {
        SimilarityHistogram h = new SimilarityHistogram(2000);
        for (int i = 0; i <= 10_000; i++) {
            h.add(-0.5f + i / 10_000f); // uniform on [-0.5, 0.5]
        }
        assertThat(h.count()).isEqualTo(10_001);
        assertThat(h.mean()).isCloseTo(0.0, within(1e-6));
        assertThat(h.quantile(0.5)).isCloseTo(0.0, within(0.001));
        assertThat(h.quantile(0.9)).isCloseTo(0.4, within(0.001));
        assertThat(h.quantile(0.99)).isCloseTo(0.49, within(0.001));
        assertThat(h.max()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void emptyHistogramHasNoStatisticsAndClearForgets() {
        SimilarityHistogram h = new SimilarityHistogram(10);
        assertThat(h.quantile(0.5)).isNaN();
        h.add(0.2f);
        h.add(1.5f); // clamped into the top bin, but its value still counts for max and mean
        assertThat(h.counts()[9]).isEqualTo(1);
        h.clear();
        assertThat(h.count()).isZero();
        assertThat(h.max()).isNaN();
    }
}
