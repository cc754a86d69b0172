package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class InstanceBankTest {

    @Test
    void aReturningSampleIsBlendedAndRenormalised() {
        InstanceBank bank = new InstanceBank(4, 4, 2, 0.5, 1);
        bank.update(new String[] {"a"}, new float[] {1, 0}, new int[] {3}, 1);
        bank.update(new String[] {"a"}, new float[] {0, 1}, new int[] {3}, 1);
        // normalize(0.5 (1,0) + 0.5 (0,1)) = (1/sqrt2, 1/sqrt2)
        assertThat(bank.vectorOf("a")).containsExactly(new float[] {0.70710677f, 0.70710677f}, within(1e-6f));
        assertThat(bank.size()).isEqualTo(1);
        assertThat(bank.slotsOf(new String[] {"a", "b"})).containsExactly(0, -1);
    }

    @Test
    void whenFullTheLeastRecentlyUpdatedIdLosesItsSlot() {
        InstanceBank bank = new InstanceBank(2, 2, 2, 0.5, 1);
        bank.update(new String[] {"a", "b"}, new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2);
        bank.update(new String[] {"a"}, new float[] {1, 0}, new int[] {0}, 1); // a is now newer than b
        bank.update(new String[] {"c"}, new float[] {-1, 0}, new int[] {2}, 1);
        assertThat(bank.vectorOf("b")).isNull();
        assertThat(bank.vectorOf("a")).isNotNull();
        assertThat(bank.vectorOf("c")).containsExactly(-1, 0);
        assertThat(bank.fillRatio()).isEqualTo(1.0);
    }

    @Test
    void itCountsBlendsAndTheIdsThatComeBackAfterLosingTheirSlot() {
        InstanceBank big = new InstanceBank(3, 3, 2, 0.5, 1);
        InstanceBank small = new InstanceBank(2, 2, 2, 0.5, 1);
        // Three ids replayed twice: the big bank blends every second visit, the small one never.
        for (int epoch = 0; epoch < 2; epoch++) {
            for (String id : new String[] {"a", "b", "c"}) {
                big.update(new String[] {id}, new float[] {1, 0}, new int[] {0}, 1);
                small.update(new String[] {id}, new float[] {1, 0}, new int[] {0}, 1);
            }
        }
        assertThat(big.updateCounts()).isEqualTo(new NegativeBank.UpdateCounts(6, 3, 0));
        assertThat(small.updateCounts()).isEqualTo(new NegativeBank.UpdateCounts(6, 0, 3));
        assertThat(new QueueBank(4, 2).updateCounts()).isEqualTo(NegativeBank.UpdateCounts.NONE);
    }

    @Test
    void survivesASave() throws Exception {
        InstanceBank bank = new InstanceBank(3, 3, 2, 0.5, 1);
        bank.update(new String[] {"a", "b"}, new float[] {1, 0, 0, 1}, new int[] {5, 6}, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bank.writeTo(new DataOutputStream(bytes));
        InstanceBank back = new InstanceBank(3, 3, 2, 0.5, 1);
        back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.vectorOf("b")).containsExactly(0, 1);
        assertThat(back.labels()).containsExactly(5, 6);
    }

    @Test
    void byDefaultItGrowsToASlotPerIdAndEveryReturningIdBlends() {
        InstanceBank bank = new InstanceBank(0, 8, 2, 0.5, 1);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < 3000; i++) {
                bank.update(new String[] {"id-" + i}, new float[] {1, 0}, new int[] {i % 10}, 1);
            }
        }
        assertThat(bank.size()).isEqualTo(3000);
        assertThat(bank.updateCounts()).isEqualTo(new NegativeBank.UpdateCounts(6000, 3000, 0));
        assertThat(bank.negatives())
                .as("a step still contrasts with --queue-size of them")
                .isEqualTo(8);
        assertThat(bank.fillRatio()).isEqualTo(1.0);
    }

    @Test
    void eachStepDrawsDistinctSlotsUniformlyAndMapsAnAnchorsOwnSlotToItsRow() {
        int ids = 50;
        int negatives = 10;
        InstanceBank bank = new InstanceBank(0, negatives, 2, 0.5, 3);
        for (int i = 0; i < ids; i++) {
            // Each id's key encodes the id, so a drawn row tells which slot it came from.
            bank.update(new String[] {"id-" + i}, new float[] {i, 1}, new int[] {i}, 1);
        }
        int[] seen = new int[ids];
        int draws = 2000;
        for (int d = 0; d < draws; d++) {
            float[] rows = bank.vectors();
            assertThat(bank.negatives()).isEqualTo(negatives);
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (int r = 0; r < negatives; r++) {
                int id = bank.labels()[r];
                assertThat(rows[2 * r]).as("row and label agree").isEqualTo(vectorOfRow(bank, id)[0]);
                distinct.add(id);
                seen[id]++;
                assertThat(bank.slotsOf(new String[] {"id-" + id})).containsExactly(r);
            }
            assertThat(distinct).hasSize(negatives);
            // An update of an id not drawn maps it to no row: it is no negative of anyone this step.
            bank.update(new String[] {"id-0"}, new float[] {0, 1}, new int[] {0}, 1);
        }
        double expected = (double) draws * negatives / ids; // 400
        for (int id = 0; id < ids; id++) {
            assertThat((double) seen[id]).as("draws of id %d", id).isBetween(expected * 0.75, expected * 1.25);
        }
    }

    private static float[] vectorOfRow(InstanceBank bank, int id) {
        return bank.vectorOf("id-" + id);
    }
}
