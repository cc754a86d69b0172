package io.contrastream.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.vectors.VectorQueue;
import org.junit.jupiter.api.Test;

class HeldOutSetTest {

    static DecodedPair pair(String id, int label) {
        return new DecodedPair(id, new float[] {label, label}, new float[] {0, 0}, label);
    }

    @Test
    void holdsOutAboutTheConfiguredShareOfIdsAndAlwaysTheSameOnes() {
        HeldOutSet probe = new HeldOutSet(0.05, 100, 2);
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            if (probe.holdsOut(pair("train-" + i, 1))) {
                held++;
                assertThat(probe.holdsOut(pair("train-" + i, 7)))
                        .as("same id, same decision")
                        .isTrue();
            }
        }
        assertThat(held).isBetween(850, 1150);
    }

    @Test
    void unlabelledPairsAreNeverHeldOut() {
        HeldOutSet probe = new HeldOutSet(0.99, 100, 2);
        assertThat(probe.holdsOut(pair("x", VectorQueue.NO_LABEL))).isFalse();
        assertThat(new HeldOutSet(0, 100, 2).holdsOut(pair("x", 1))).isFalse();
    }

    @Test
    void keepsDistinctSamplesUpToItsCapacity() {
        HeldOutSet probe = new HeldOutSet(0.5, 2, 2);
        probe.add(pair("a", 3));
        probe.add(pair("a", 3)); // the same sample in a later epoch
        probe.add(pair("b", 4));
        probe.add(pair("c", 5));
        assertThat(probe.size()).isEqualTo(2);
        assertThat(probe.labels()).startsWith(3, 4);
        assertThat(probe.images()).startsWith(3f, 3f, 4f, 4f);
        assertThat(probe.ids()).containsExactly("a", "b");
    }
}
