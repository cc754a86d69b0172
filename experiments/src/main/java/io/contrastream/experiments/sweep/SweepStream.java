package io.contrastream.experiments.sweep;

import io.contrastream.encoder.EncoderSpec;
import io.contrastream.image.PixelImage;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.dataset.LabelledImage;
import io.contrastream.producer.publish.EpochOrder;
import io.contrastream.service.input.DecodedPair;
import java.util.SplittableRandom;

/**
 * The stream every model of a sweep sees: the same dataset order and the same augmentations,
 * from one seed, as decoded pairs ready for the training session (the Kafka hop adds nothing to
 * a comparison between temperatures, and leaving it out keeps the sweep within its time budget).
 */
final class SweepStream {

    private final Dataset dataset;
    private final Augmenter augmenter;
    private final EncoderSpec spec;
    private final SplittableRandom rng;
    private final EpochOrder order;

    SweepStream(Dataset dataset, Augmenter augmenter, EncoderSpec spec, long seed) {
        this.dataset = dataset;
        this.augmenter = augmenter;
        this.spec = spec;
        this.rng = new SplittableRandom(seed);
        this.order = new EpochOrder(dataset.size(), rng);
    }

    DecodedPair next() {
        int index = order.next();
        LabelledImage item = dataset.get(index);
        return new DecodedPair(
                "train-" + index, view(item.image()), view(item.image()), item.label() == null ? -1 : item.label());
    }

    private float[] view(PixelImage image) {
        return spec.prepare(augmenter.view(image, rng));
    }
}
