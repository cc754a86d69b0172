package io.contrastream.service.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    static Map<Statistic, Double> report(double uniformity, double tolerance, double bankFill) {
        return Map.of(Statistic.UNIFORMITY, uniformity, Statistic.TOLERANCE, tolerance, Statistic.BANK_FILL, bankFill);
    }

    /** A training run: uniformity climbing slowly with noise, tolerance drifting down slowly. */
    static List<DriftEvent> run(DriftMonitor m, int reports, int changeAt, double jump, Random rng, int[] firstEvent) {
        List<DriftEvent> events = new ArrayList<>();
        for (int r = 0; r < reports; r++) {
            double u = 1.0 + 0.004 * r + 0.03 * rng.nextGaussian() + (r >= changeAt ? jump : 0);
            double t = 0.7 - 0.001 * r + 0.01 * rng.nextGaussian();
            double fill = Math.min(1.0, (r + 1) / 7.0);
            List<DriftEvent> e = m.onReport("m", 10L * (r + 1), 0, report(u, t, fill));
            if (!e.isEmpty() && firstEvent[0] < 0) {
                firstEvent[0] = r;
            }
            events.addAll(e);
        }
        return events;
    }

    @Test
    void aSteadyTrainingRunRaisesNothing() {
        for (long seed = 0; seed < 20; seed++) {
            int[] first = {-1};
            List<DriftEvent> events =
                    run(new DriftMonitor(DriftSettings.DEFAULT), 300, Integer.MAX_VALUE, 0, new Random(seed), first);
            assertThat(events).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aSuddenDropOfUniformityRaisesOneEventSoonAfter() {
        int[] first = {-1};
        List<DriftEvent> events = run(new DriftMonitor(DriftSettings.DEFAULT), 120, 60, -0.5, new Random(3), first);
        assertThat(events).hasSize(1);
        DriftEvent e = events.get(0);
        assertThat(e.statistic()).isEqualTo("uniformity");
        assertThat(e.direction()).isEqualTo("down");
        assertThat(first[0]).isBetween(60, 63);
        assertThat(e.baseline()).isGreaterThan(e.value());
        assertThat(e.cusum()).isGreaterThan(DriftSettings.DEFAULT.threshold());
    }

    @Test
    void nothingFiresWhileTheBankFillsOrDuringTheWarmUp() {
        DriftMonitor m = new DriftMonitor(DriftSettings.DEFAULT);
        // The bank fills over 7 reports while uniformity swings wildly; then 20 warm-up reports.
        for (int r = 0; r < 26; r++) {
            double fill = Math.min(1.0, (r + 1) / 7.0);
            assertThat(m.onReport("m", r, 0, report(r % 2 == 0 ? 0.2 : 3.0, 0.5, fill)))
                    .isEmpty();
        }
        assertThat(m.armed()).isFalse();
        m.onReport("m", 27, 0, report(1.0, 0.5, 1.0));
        assertThat(m.armed()).isTrue();
    }

    @Test
    void cusumStatisticGrowsWithAPersistentShiftAndRestartsAfterAnEvent() {
        CusumDetector d = new CusumDetector(DriftSettings.DEFAULT);
        for (int i = 0; i < 30; i++) {
            assertThat(d.observe(1.0 + (i % 2 == 0 ? 0.01 : -0.01), true)).isNull();
        }
        assertThat(d.statistic()).isLessThan(1.0);
        CusumDetector.Alarm alarm = null;
        for (int i = 0; i < 10 && alarm == null; i++) {
            alarm = d.observe(1.2, true);
        }
        assertThat(alarm).isNotNull();
        assertThat(alarm.up()).isTrue();
        assertThat(d.statistic()).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(d.observe(1.2 + 0.05 * i, true))
                    .as("one change, one event")
                    .isNull();
        }
    }
}
