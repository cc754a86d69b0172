package io.contrastream.service.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Where the negatives beyond the batch come from: keys of earlier steps, with their labels. */
public interface NegativeBank {

    /** Filled slots. */
    int size();

    int capacity();

    default double fillRatio() {
        return capacity() == 0 ? 1.0 : (double) size() / capacity();
    }

    /** The filled keys, row-major; row r is slot r. */
    float[] vectors();

    /** Labels of {@link #vectors()}, row for row. */
    int[] labels();

    /**
     * For each id, the slot that holds a key of the same sample, or -1: such a key is not a
     * negative for that sample's anchor.
     */
    int[] slotsOf(String[] ids);

    /** Takes the batch's new keys in. */
    void update(String[] ids, float[] keys, int[] labels, int count);

    void writeTo(DataOutputStream out) throws IOException;

    void readFrom(DataInputStream in) throws IOException;
}
