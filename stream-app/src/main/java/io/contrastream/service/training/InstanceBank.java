package io.contrastream.service.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The paper's bank (Wu et al. 2018): one slot per sample id, updated as
 * {@code v <- normalize(m v + (1 - m) k)} each time the sample comes round again (m = 0.5 by
 * default), for streams that replay a finite dataset. Each step contrasts with {@code negatives}
 * slots drawn uniformly from all filled ones (all of them while there are no more), as Wu et al.
 * sample their NCE negatives from the bank; an anchor never meets its own sample's slot.
 *
 * <p>Its capacity is its own: by default (0) it grows to one slot per distinct id that arrives, so
 * a replayed dataset gets a slot per image ({@code dim} x 4 bytes each) and every id finds its slot
 * again. With a positive capacity, a new id takes the slot of the id updated longest ago once all
 * are taken. It counts its blends and the ids that come back after their slot was given away: if
 * that happens, the capacity is below the number of distinct ids, the bank acts as a FIFO and the
 * momentum never acts (the session warns).
 */
public final class InstanceBank implements NegativeBank {

    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private final int negatives;
    private final int dim;
    private final double momentum;
    private final SplittableRandom rng;
    private float[] vectors;
    private int[] labels;
    /** id to slot, least recently updated first. */
    private final LinkedHashMap<String, Integer> slots = new LinkedHashMap<>();
    /** Ids whose slot was given away, the most recent {@code capacity} of them. */
    private final Set<String> evicted;

    /**
     * Every filled slot once, in the order the last draw left them: its first {@code negatives()}
     * entries are this step's negatives. A partial shuffle of a permutation is again a uniform
     * sample, so a draw costs O(negatives), not O(slots).
     */
    private int[] pool = new int[0];
    /** This step's negatives: their count, their rows (vectors, labels) and each slot's row or -1. */
    private int drawn;

    private float[] drawnVectors = new float[0];
    private int[] drawnLabels = new int[0];
    private int[] rowOfSlot = new int[0];

    private long updates;
    private long blends;
    private long returnsAfterEviction;

    /**
     * @param capacity most slots (0: one per distinct id, growing)
     * @param negatives slots a step contrasts with
     * @param seed seeds the draws of negatives
     */
    public InstanceBank(int capacity, int negatives, int dim, double momentum, long seed) {
        if (capacity < 0 || negatives < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("capacity >= 0, negatives >= 0 and momentum in [0, 1)");
        }
        this.capacity = capacity;
        this.negatives = negatives;
        this.dim = dim;
        this.momentum = momentum;
        this.rng = new SplittableRandom(seed);
        int initial = capacity > 0 ? capacity : INITIAL_SLOTS;
        this.vectors = new float[initial * dim];
        this.labels = new int[initial];
        int remembered = capacity > 0 ? capacity : 1;
        this.evicted = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        });
    }

    @Override
    public UpdateCounts updateCounts() {
        return new UpdateCounts(updates, blends, returnsAfterEviction);
    }

    @Override
    public int size() {
        return slots.size();
    }

    /** Most slots, or 0 for one per distinct id. */
    @Override
    public int capacity() {
        return capacity;
    }

    /** Whether a step gets all its negatives. */
    @Override
    public double fillRatio() {
        return negatives == 0 ? 1.0 : Math.min(1.0, (double) slots.size() / negatives);
    }

    @Override
    public int negatives() {
        return drawn;
    }

    @Override
    public float[] vectors() {
        return drawnVectors;
    }

    @Override
    public int[] labels() {
        return drawnLabels;
    }

    @Override
    public int[] slotsOf(String[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Integer slot = slots.get(ids[i]);
            out[i] = slot == null ? -1 : rowOfSlot[slot];
        }
        return out;
    }

    @Override
    public void update(String[] ids, float[] keys, int[] newLabels, int count) {
        if (negatives == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            Integer slot = slots.remove(ids[i]);
            updates++;
            if (slot != null) {
                blend(slot, keys, i);
                blends++;
            } else {
                if (evicted.remove(ids[i])) {
                    returnsAfterEviction++;
                }
                slot = capacity == 0 || slots.size() < capacity ? newSlot() : evictOldest();
                System.arraycopy(keys, i * dim, vectors, slot * dim, dim);
            }
            labels[slot] = newLabels[i];
            slots.put(ids[i], slot); // re-inserted: now the most recently updated
        }
        draw();
    }

    private int newSlot() {
        int slot = slots.size();
        if (slot == labels.length) {
            int grown = labels.length * 2;
            vectors = Arrays.copyOf(vectors, grown * dim);
            labels = Arrays.copyOf(labels, grown);
        }
        if (slot == pool.length) {
            pool = Arrays.copyOf(pool, labels.length);
            rowOfSlot = Arrays.copyOf(rowOfSlot, labels.length);
            Arrays.fill(rowOfSlot, slot, rowOfSlot.length, -1);
        }
        pool[slot] = slot;
        return slot;
    }

    private int evictOldest() {
        Iterator<Map.Entry<String, Integer>> oldest = slots.entrySet().iterator();
        Map.Entry<String, Integer> entry = oldest.next();
        evicted.add(entry.getKey());
        oldest.remove();
        return entry.getValue();
    }

    /**
     * Picks the next step's negatives: every filled slot while there are at most
     * {@code negatives}, else that many distinct ones uniformly (a partial Fisher-Yates shuffle of
     * the pool).
     */
    private void draw() {
        for (int row = 0; row < drawn; row++) {
            rowOfSlot[pool[row]] = -1;
        }
        int filled = slots.size();
        int n = Math.min(negatives, filled);
        if (n < filled) {
            for (int i = 0; i < n; i++) {
                int j = i + rng.nextInt(filled - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
        }
        drawn = n;
        if (drawnVectors.length != n * dim) {
            drawnVectors = new float[n * dim];
            drawnLabels = new int[n];
        }
        for (int row = 0; row < n; row++) {
            int slot = pool[row];
            System.arraycopy(vectors, slot * dim, drawnVectors, row * dim, dim);
            drawnLabels[row] = labels[slot];
            rowOfSlot[slot] = row;
        }
    }

    private void blend(int slot, float[] keys, int row) {
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            float v = (float) (momentum * vectors[slot * dim + d] + (1 - momentum) * keys[row * dim + d]);
            vectors[slot * dim + d] = v;
            norm += v * v;
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dim; d++) {
            vectors[slot * dim + d] *= scale;
        }
    }

    /** The vector stored for an id, or null; for tests and inspection. */
    public float[] vectorOf(String id) {
        Integer slot = slots.get(id);
        return slot == null ? null : Arrays.copyOfRange(vectors, slot * dim, (slot + 1) * dim);
    }

    @Override
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(dim);
        out.writeInt(slots.size());
        for (Map.Entry<String, Integer> e : slots.entrySet()) {
            int slot = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(labels[slot]);
            for (int d = 0; d < dim; d++) {
                out.writeFloat(vectors[slot * dim + d]);
            }
        }
    }

    @Override
    public void readFrom(DataInputStream in) throws IOException {
        int c = in.readInt();
        int d = in.readInt();
        if (c != capacity || d != dim) {
            throw new IOException("saved bank is " + c + "x" + d + " but this service uses " + capacity + "x" + dim);
        }
        slots.clear();
        for (int row = 0; row < drawn; row++) {
            rowOfSlot[pool[row]] = -1;
        }
        drawn = 0;
        int n = in.readInt();
        for (int slot = 0; slot < n; slot++) {
            newSlot();
            slots.put(in.readUTF(), slot);
            labels[slot] = in.readInt();
            for (int k = 0; k < dim; k++) {
                vectors[slot * dim + k] = in.readFloat();
            }
        }
        draw();
    }
}
