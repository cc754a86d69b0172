package io.contrastream.service.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopSelectionTest {

    @Test
    void theKLargestEndUpLastForEveryKAndRange() {
        Random random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int size = 1 + random.nextInt(200);
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                // Few distinct values: duplicates are where a partition goes wrong.
                keys[i] = random.nextInt(trial % 2 == 0 ? 5 : 1_000_000) - 2;
            }
            int from = random.nextInt(size);
            int to = from + 1 + random.nextInt(size - from);
            int k = random.nextInt(to - from + 2) - 1;
            long[] expected = keys.clone();
            Arrays.sort(expected, from, to);
            long[] actual = keys.clone();
            TopSelection.largestLast(actual, from, to, k);
            int top = Math.max(0, Math.min(k, to - from));
            long[] selected = Arrays.copyOfRange(actual, to - top, to);
            Arrays.sort(selected);
            assertArrayEquals(Arrays.copyOfRange(expected, to - top, to), selected);
            long[] all = Arrays.copyOfRange(actual, from, to);
            Arrays.sort(all);
            assertArrayEquals(Arrays.copyOfRange(expected, from, to), all, "a permutation of the range");
            assertArrayEquals(Arrays.copyOfRange(keys, 0, from), Arrays.copyOfRange(actual, 0, from));
            assertArrayEquals(Arrays.copyOfRange(keys, to, size), Arrays.copyOfRange(actual, to, size));
        }
    }
}
