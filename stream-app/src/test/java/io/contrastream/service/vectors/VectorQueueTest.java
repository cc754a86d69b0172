package io.contrastream.service.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class VectorQueueTest {

    /** Keys numbered from {@code first}: key k is (k, -k). */
    static float[] keys(int first, int count) {
        float[] k = new float[count * 2];
        for (int i = 0; i < count; i++) {
            k[2 * i] = first + i;
            k[2 * i + 1] = -(first + i);
        }
        return k;
    }

    static float[] firstCoordinates(VectorQueue q) {
        float[][] rows = q.oldestFirst();
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    @Test
    void fillsThenEvictsTheOldestWhenCapacityIsNotAMultipleOfTheBatch() {
        VectorQueue q = new VectorQueue(5, 2);
        q.enqueue(keys(0, 3), new int[] {0, 1, 2}, 3);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.fillRatio()).isEqualTo(0.6);
        assertThat(firstCoordinates(q)).containsExactly(0, 1, 2);
        q.enqueue(keys(3, 3), new int[] {3, 4, 5}, 3); // wraps: key 0 is evicted
        assertThat(firstCoordinates(q)).containsExactly(1, 2, 3, 4, 5);
        q.enqueue(keys(6, 3), new int[] {6, 7, 8}, 3);
        assertThat(firstCoordinates(q)).containsExactly(4, 5, 6, 7, 8);
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.labels()).containsExactlyInAnyOrder(4, 5, 6, 7, 8);
    }

    @Test
    void aBatchLargerThanTheQueueKeepsItsNewestKeys() {
        VectorQueue q = new VectorQueue(3, 2);
        q.enqueue(keys(10, 7), new int[] {0, 1, 2, 3, 4, 5, 6}, 7);
        assertThat(firstCoordinates(q)).containsExactly(14, 15, 16);
    }

    @Test
    void zeroCapacityMeansInBatchNegativesOnly() {
        VectorQueue q = new VectorQueue(0, 2);
        q.enqueue(keys(0, 4), new int[4], 4);
        assertThat(q.size()).isZero();
        assertThat(q.vectors()).isEmpty();
    }

    @Test
    void survivesASaveAndRefusesAnotherShape() throws Exception {
        VectorQueue q = new VectorQueue(4, 2);
        q.enqueue(keys(0, 6), new int[] {0, 1, 2, 3, 4, 5}, 6);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        q.writeTo(new DataOutputStream(bytes));
        VectorQueue back = new VectorQueue(4, 2);
        back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(firstCoordinates(back)).containsExactly(2, 3, 4, 5);
        back.enqueue(keys(6, 1), new int[] {6}, 1);
        assertThat(firstCoordinates(back)).containsExactly(3, 4, 5, 6);
        VectorQueue other = new VectorQueue(8, 2);
        assertThatThrownBy(() -> other.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .hasMessageContaining("4x2");
    }
}
