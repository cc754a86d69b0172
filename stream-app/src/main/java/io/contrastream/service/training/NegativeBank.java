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

    /** Rows of {@link #vectors()}: the negatives the next step contrasts with. */
    default int negatives() {
        return size();
    }

    /** The next step's negative keys, row-major ({@link #negatives()} rows). */
    float[] vectors();

    /** Labels of {@link #vectors()}, row for row. */
    int[] labels();

    /**
     * For each id, the row of {@link #vectors()} that holds a key of the same sample, or -1: such
     * a key is not a negative for that sample's anchor.
     */
    int[] slotsOf(String[] ids);

    /** How its updates went so far (for a bank that keeps slots per sample id). */
    record UpdateCounts(long updates, long blends, long returnsAfterEviction) {
        public static final UpdateCounts NONE = new UpdateCounts(0, 0, 0);
    }

    /**
     * Updates so far, of which blends of a slot the id already had, and ids that came back after
     * their slot was given away; {@link UpdateCounts#NONE} for a bank without per-id slots.
     */
    default UpdateCounts updateCounts() {
        return UpdateCounts.NONE;
    }

    /** Takes the batch's new keys in. */
    void update(String[] ids, float[] keys, int[] labels, int count);

    void writeTo(DataOutputStream out) throws IOException;

    void readFrom(DataInputStream in) throws IOException;
}
