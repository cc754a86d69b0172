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
        InstanceBank bank = new InstanceBank(4, 2, 0.5);
        bank.update(new String[] {"a"}, new float[] {1, 0}, new int[] {3}, 1);
        bank.update(new String[] {"a"}, new float[] {0, 1}, new int[] {3}, 1);
        // normalize(0.5 (1,0) + 0.5 (0,1)) = (1/sqrt2, 1/sqrt2)
        assertThat(bank.vectorOf("a")).containsExactly(new float[] {0.70710677f, 0.70710677f}, within(1e-6f));
        assertThat(bank.size()).isEqualTo(1);
        assertThat(bank.slotsOf(new String[] {"a", "b"})).containsExactly(0, -1);
    }

    @Test
    void whenFullTheLeastRecentlyUpdatedIdLosesItsSlot() {
        InstanceBank bank = new InstanceBank(2, 2, 0.5);
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
        InstanceBank big = new InstanceBank(3, 2, 0.5);
        InstanceBank small = new InstanceBank(2, 2, 0.5);
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
        InstanceBank bank = new InstanceBank(3, 2, 0.5);
        bank.update(new String[] {"a", "b"}, new float[] {1, 0, 0, 1}, new int[] {5, 6}, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bank.writeTo(new DataOutputStream(bytes));
        InstanceBank back = new InstanceBank(3, 2, 0.5);
        back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.vectorOf("b")).containsExactly(0, 1);
        assertThat(back.labels()).containsExactly(5, 6);
    }
}
