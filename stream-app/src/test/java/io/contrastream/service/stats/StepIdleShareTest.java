package io.contrastream.service.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.StepStatistics;
import io.contrastream.service.training.WindowStatistics;
import io.contrastream.wire.Statistic;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepIdleShareTest {

    static final long MS = 1_000_000;

    @Test
    void theShareOfWallTimeBetweenReportsInWhichNoStepRan() {
        AtomicLong clock = new AtomicLong();
        StatsCollector stats = new StatsCollector(LossSpec.contrastive(0.2), clock::get);
        // 100 ms between reports, two steps of 30 ms each: 40 ms of it no step ran.
        stats.onStep(step(1, 30 * MS));
        stats.onStep(step(2, 30 * MS));
        clock.addAndGet(100 * MS);
        assertThat(stats.report(1.0, WindowStatistics.NONE).values().get(Statistic.STEP_IDLE_SHARE))
                .isCloseTo(0.4, within(1e-9));
        // A step that fills its interval leaves none idle; an interval without steps has no share.
        stats.onStep(step(3, 50 * MS));
        clock.addAndGet(50 * MS);
        assertThat(stats.report(1.0, WindowStatistics.NONE).values().get(Statistic.STEP_IDLE_SHARE))
                .isEqualTo(0.0);
        clock.addAndGet(50 * MS);
        assertThat(stats.report(1.0, WindowStatistics.NONE).values().get(Statistic.STEP_IDLE_SHARE))
                .isNaN();
    }

    private static StepResult step(long step, long nanos) {
        float[] q = {1, 0, 0, 0, 0, 1, 0, 0};
        return new StepResult(
                step,
                new String[] {"a", "b"},
                1.0,
                q,
                new float[] {1, 1},
                StepStatistics.none(),
                new int[] {0, 1},
                nanos,
                0);
    }
}
