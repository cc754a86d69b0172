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

/**
 * The paper's bank (Wu et al. 2018): one slot per sample id, updated as
 * {@code v <- normalize(m v + (1 - m) k)} each time the sample comes round again (m = 0.5 by
 * default), for streams that replay a finite dataset. An anchor never meets its own sample's
 * slot as a negative. Bounded: when all slots are taken, a new id takes the slot of the id
 * updated longest ago. It counts its blends and the ids that come back after their slot was
 * given away: if that happens, the capacity is below the number of distinct ids, the bank acts
 * as a FIFO and the momentum never acts (the session warns).
 */
public final class InstanceBank implements NegativeBank {

    private final int capacity;
    private final int dim;
    private final double momentum;
    private final float[] vectors;
    private final int[] labels;
    /** id to slot, least recently updated first. */
    private final LinkedHashMap<String, Integer> slots = new LinkedHashMap<>();
    /** Ids whose slot was given away, the most recent {@code capacity} of them. */
    private final Set<String> evicted;

    private long updates;
    private long blends;
    private long returnsAfterEviction;

    public InstanceBank(int capacity, int dim, double momentum) {
        if (capacity < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("capacity >= 0 and momentum in [0, 1)");
        }
        this.capacity = capacity;
        this.dim = dim;
        this.momentum = momentum;
        this.vectors = new float[capacity * dim];
        this.labels = new int[capacity];
        this.evicted = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > Math.max(1, capacity);
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

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public float[] vectors() {
        return slots.size() == capacity ? vectors : Arrays.copyOf(vectors, slots.size() * dim);
    }

    @Override
    public int[] labels() {
        return slots.size() == capacity ? labels : Arrays.copyOf(labels, slots.size());
    }

    @Override
    public int[] slotsOf(String[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = slots.getOrDefault(ids[i], -1);
        }
        return out;
    }

    @Override
    public void update(String[] ids, float[] keys, int[] newLabels, int count) {
        if (capacity == 0) {
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
                slot = slots.size() < capacity ? slots.size() : evictOldest();
                System.arraycopy(keys, i * dim, vectors, slot * dim, dim);
            }
            labels[slot] = newLabels[i];
            slots.put(ids[i], slot); // re-inserted: now the most recently updated
        }
    }

    private int evictOldest() {
        Iterator<Map.Entry<String, Integer>> oldest = slots.entrySet().iterator();
        Map.Entry<String, Integer> entry = oldest.next();
        evicted.add(entry.getKey());
        oldest.remove();
        return entry.getValue();
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
        int n = in.readInt();
        for (int slot = 0; slot < n; slot++) {
            slots.put(in.readUTF(), slot);
            labels[slot] = in.readInt();
            for (int k = 0; k < dim; k++) {
                vectors[slot * dim + k] = in.readFloat();
            }
        }
    }
}
