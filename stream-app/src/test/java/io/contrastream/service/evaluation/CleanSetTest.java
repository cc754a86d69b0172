package io.contrastream.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastream.service.input.DecodedProbe;
import io.contrastream.wire.ProbeRole;
import org.junit.jupiter.api.Test;

class CleanSetTest {

    static DecodedProbe probe(String id, ProbeRole role, int label, float value, boolean views) {
        float[] image = {value, value};
        return new DecodedProbe(
                id, role, label, image, views ? new float[][] {{value, 0}, {0, value}} : new float[0][]);
    }

    @Test
    void keepsTheFirstIdsPerRoleWhateverTheOrderTheyCameIn() {
        CleanSet set = new CleanSet(2, 2);
        set.put(probe("q3", ProbeRole.QUERY, 3, 3, false));
        set.put(probe("q1", ProbeRole.QUERY, 1, 1, true));
        set.put(probe("r9", ProbeRole.REFERENCE, 9, 9, false));
        set.put(probe("q2", ProbeRole.QUERY, 2, 2, true));
        EvaluationSet s = set.snapshot();
        assertThat(s.queries().ids()).containsExactly("q1", "q2");
        assertThat(s.queries().labels()).containsExactly(1, 2);
        assertThat(s.queries().pixels()).containsExactly(1, 1, 2, 2);
        assertThat(s.references().ids()).containsExactly("r9");
        assertThat(s.views1().ids()).containsExactly("q1", "q2");
        assertThat(s.views1().pixels()).containsExactly(1, 0, 2, 0);
        assertThat(s.views2().pixels()).containsExactly(0, 1, 0, 2);
    }

    @Test
    void theLatestRecordPerIdCountsAndATombstoneRemovesIt() {
        CleanSet set = new CleanSet(10, 2);
        set.put(probe("a", ProbeRole.QUERY, 1, 1, false));
        EvaluationSet first = set.snapshot();
        assertThat(set.snapshot()).as("unchanged: the same snapshot").isSameAs(first);

        set.put(probe("a", ProbeRole.REFERENCE, 4, 4, false)); // the id moved to the other role
        assertThat(set.snapshot().queries().count()).isZero();
        assertThat(set.snapshot().references().labels()).containsExactly(4);

        set.remove("a");
        assertThat(set.size(ProbeRole.REFERENCE)).isZero();
        assertThat(first.queries().ids()).as("an old snapshot does not change").containsExactly("a");
    }

    @Test
    void refusesAnImageOfTheWrongSize() {
        CleanSet set = new CleanSet(10, 3);
        assertThatThrownBy(() -> set.put(probe("a", ProbeRole.QUERY, 1, 1, false)))
                .hasMessageContaining("expected 3");
    }
}
