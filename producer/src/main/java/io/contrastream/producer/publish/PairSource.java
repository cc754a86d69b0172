package io.contrastream.producer.publish;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.dataset.LabelledImage;
import io.contrastream.wire.ImagePair;
import java.util.SplittableRandom;

/**
 * Walks a dataset in a shuffled order per epoch and turns each image into a wire-format pair of
 * two augmented views. Everything random derives from one seed: a rerun publishes the same
 * pairs in the same order.
 */
public final class PairSource {

    /** A pair ready to send: its sample id (the record key) and the pair. */
    public record Keyed(String id, ImagePair pair) {}

    private final Dataset dataset;
    private final Augmenter augmenter;
    private final ImageFormat format;
    private final String idPrefix;
    private final SplittableRandom rng;
    private final EpochOrder order;

    public PairSource(Dataset dataset, Augmenter augmenter, ImageFormat format, String idPrefix, long seed) {
        this.dataset = dataset;
        this.augmenter = augmenter;
        this.format = format;
        this.idPrefix = idPrefix;
        this.rng = new SplittableRandom(seed);
        this.order = new EpochOrder(dataset.size(), rng);
    }

    /** Epochs started so far (1 during the first pass). */
    public int epoch() {
        return order.epoch();
    }

    public Keyed next() {
        int index = order.next();
        LabelledImage item = dataset.get(index);
        byte[] v1 = ImageCodec.encode(augmenter.view(item.image(), rng), format);
        byte[] v2 = ImageCodec.encode(augmenter.view(item.image(), rng), format);
        return new Keyed(idPrefix + index, new ImagePair(v1, v2, item.label(), System.currentTimeMillis()));
    }
}
