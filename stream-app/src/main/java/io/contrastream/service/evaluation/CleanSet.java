package io.contrastream.service.evaluation;

import io.contrastream.service.input.DecodedProbe;
import io.contrastream.wire.ProbeRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clean evaluation set as the probe topic has it so far: the latest image per id, per role.
 * Fed from the probe topic's reader thread (or directly, by the sweep), read by the evaluation on
 * the session's thread as an immutable {@link #snapshot()}. Bounded: it keeps at most
 * {@code capacity} images per role, the ones whose ids sort first, so the set evaluated does not
 * depend on the order records arrived in.
 */
public final class CleanSet {

    private final int capacity;
    private final int pixels;
    private final Map<ProbeRole, TreeMap<String, DecodedProbe>> byRole = new EnumMap<>(ProbeRole.class);
    private EvaluationSet snapshot = EvaluationSet.EMPTY;
    private boolean changed;
    private volatile boolean loaded;

    /**
     * @param capacity most images kept per role
     * @param pixelsPerImage floats of one encoder input
     */
    public CleanSet(int capacity, int pixelsPerImage) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity >= 1");
        }
        this.capacity = capacity;
        this.pixels = pixelsPerImage;
        for (ProbeRole r : ProbeRole.values()) {
            byRole.put(r, new TreeMap<>());
        }
    }

    /** Takes an image in, replacing the one with the same id (in whichever role it was). */
    public synchronized void put(DecodedProbe probe) {
        if (probe.image().length != pixels) {
            throw new IllegalArgumentException("image of " + probe.image().length + " floats, expected " + pixels);
        }
        remove(probe.id());
        TreeMap<String, DecodedProbe> role = byRole.get(probe.role());
        role.put(probe.id(), probe);
        if (role.size() > capacity) {
            role.pollLastEntry();
        }
        changed = true;
    }

    /** Removes an id (a tombstone on the compacted topic). */
    public synchronized void remove(String id) {
        for (TreeMap<String, DecodedProbe> role : byRole.values()) {
            changed |= role.remove(id) != null;
        }
    }

    /**
     * Says the set holds everything its source had when it was opened (the probe topic read up to
     * its end offsets at start, or the sweep's set built): evaluations wait for it, so none scores a
     * half-read set.
     */
    public void markLoaded() {
        loaded = true;
    }

    public boolean loaded() {
        return loaded;
    }

    /** Images kept for a role. */
    public synchronized int size(ProbeRole role) {
        return byRole.get(role).size();
    }

    /** The set as it is now; the same object until something changes. */
    public synchronized EvaluationSet snapshot() {
        if (changed) {
            snapshot = build();
            changed = false;
        }
        return snapshot;
    }

    private EvaluationSet build() {
        List<DecodedProbe> withViews = new ArrayList<>();
        for (DecodedProbe q : byRole.get(ProbeRole.QUERY).values()) {
            if (q.views().length >= 2) {
                withViews.add(q);
            }
        }
        return new EvaluationSet(
                images(new ArrayList<>(byRole.get(ProbeRole.REFERENCE).values()), -1),
                images(new ArrayList<>(byRole.get(ProbeRole.QUERY).values()), -1),
                images(withViews, 0),
                images(withViews, 1));
    }

    /** @param view -1 for the clean image, else which view */
    private LabelledImages images(List<DecodedProbe> probes, int view) {
        int n = probes.size();
        String[] ids = new String[n];
        float[] data = new float[n * pixels];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            DecodedProbe p = probes.get(i);
            ids[i] = p.id();
            labels[i] = p.label();
            System.arraycopy(view < 0 ? p.image() : p.views()[view], 0, data, i * pixels, pixels);
        }
        return new LabelledImages(ids, data, labels);
    }
}
