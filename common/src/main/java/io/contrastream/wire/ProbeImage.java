package io.contrastream.wire;

import java.util.List;

/**
 * One image of the clean evaluation set as it travels on the probe topic: the un-augmented image,
 * its class label and its role. A query may carry augmented views of itself, on which alignment
 * is measured. The sample id is the record key; the topic is compacted, so the latest record per
 * id is the set, and a tombstone removes an image.
 *
 * @param image encoded bytes (PNG or JPEG) of the clean image
 * @param views encoded augmented views of the same image (empty, or two for alignment)
 */
public record ProbeImage(ProbeRole role, int label, byte[] image, List<byte[]> views) {

    public ProbeImage {
        views = List.copyOf(views);
    }
}
