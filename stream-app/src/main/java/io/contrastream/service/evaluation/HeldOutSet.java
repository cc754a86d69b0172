package io.contrastream.service.evaluation;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.vectors.VectorQueue;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The held-out slice of the stream that downstream quality is measured on when there is no clean
 * evaluation set: labelled pairs whose id hashes into the first {@code fraction} of the hash
 * range are never trained on; the first (augmented) view of up to {@code capacity} distinct ones
 * is kept. The choice depends on the id alone, so a replayed dataset holds out the same samples
 * every epoch and no probe leaks into training.
 */
final class HeldOutSet {

    private final double fraction;
    private final int capacity;
    private final int pixels;
    private final float[] images;
    private final int[] labels;
    private final Set<String> ids = new HashSet<>();
    private final String[] order;

    HeldOutSet(double fraction, int capacity, int pixelsPerImage) {
        this.fraction = fraction;
        this.capacity = capacity;
        this.pixels = pixelsPerImage;
        this.images = new float[capacity * pixelsPerImage];
        this.labels = new int[capacity];
        this.order = new String[capacity];
    }

    /** Whether the pair belongs to the held-out slice (and so must not be trained on). */
    boolean holdsOut(DecodedPair pair) {
        if (fraction <= 0 || pair.label() == VectorQueue.NO_LABEL || pair.id() == null) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(pair.id().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() < fraction * (1L << 32);
    }

    /** Keeps the pair's first view if it is new and there is room. */
    void add(DecodedPair pair) {
        if (ids.size() < capacity && ids.add(pair.id())) {
            int slot = ids.size() - 1;
            System.arraycopy(pair.view1(), 0, images, slot * pixels, pixels);
            labels[slot] = pair.label();
            order[slot] = pair.id();
        }
    }

    int size() {
        return ids.size();
    }

    /** Images of the kept samples, (size, C, H, W) row-major; shared, do not modify. */
    float[] images() {
        return images;
    }

    int[] labels() {
        return labels;
    }

    /** Ids of the kept samples, in the order of {@link #images()}. */
    String[] ids() {
        return java.util.Arrays.copyOf(order, ids.size());
    }
}
