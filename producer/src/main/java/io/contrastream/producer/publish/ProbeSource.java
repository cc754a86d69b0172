package io.contrastream.producer.publish;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.image.PixelImage;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.dataset.LabelledImage;
import io.contrastream.wire.ProbeImage;
import io.contrastream.wire.ProbeRole;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The clean evaluation set of a dataset, as probe-topic records: {@code references} images of
 * the split the stream trains on and {@code queries} images of its held-out split (the paper's
 * way: test images scored against training images), each clean (the whole image, only resized to
 * the views' size), labelled, chosen by a seeded shuffle. Each query carries two augmented views
 * of itself, for alignment. A dataset without a held-out split (an image folder) gives queries
 * disjoint from its references, which the stream may train on; the caller says so.
 */
public final class ProbeSource implements Iterator<ProbeSource.Keyed> {

    /** A record ready to send: the sample id (the record key) and the image. */
    public record Keyed(String id, ProbeImage probe) {}

    private final Augmenter augmenter;
    private final ImageFormat format;
    private final int outputSize;
    private final SplittableRandom rng;
    private final List<Pick> picks = new ArrayList<>();
    private int next;

    private record Pick(Dataset dataset, int index, ProbeRole role, String id) {}

    /**
     * @param training the split the stream trains on: references come from it
     * @param heldOut the held-out split queries come from, or null to take them from {@code training}
     * @param outputSize side of the published images (0: as the source)
     */
    public ProbeSource(
            Dataset training,
            String trainingName,
            Dataset heldOut,
            String heldOutName,
            int references,
            int queries,
            Augmenter augmenter,
            ImageFormat format,
            int outputSize,
            long seed) {
        this.augmenter = augmenter;
        this.format = format;
        this.outputSize = outputSize;
        this.rng = new SplittableRandom(seed);
        int[] train = shuffled(training.size());
        int refs = Math.min(references, train.length);
        for (int i = 0; i < refs; i++) {
            picks.add(new Pick(training, train[i], ProbeRole.REFERENCE, "reference-" + trainingName + "-" + train[i]));
        }
        if (heldOut == null) {
            for (int i = refs; i < Math.min(train.length, refs + queries); i++) {
                picks.add(new Pick(training, train[i], ProbeRole.QUERY, "query-" + trainingName + "-" + train[i]));
            }
        } else {
            int[] test = shuffled(heldOut.size());
            for (int i = 0; i < Math.min(queries, test.length); i++) {
                picks.add(new Pick(heldOut, test[i], ProbeRole.QUERY, "query-" + heldOutName + "-" + test[i]));
            }
        }
    }

    /** Indices 0..n-1 in one seeded shuffled order: the first epoch of an {@link EpochOrder}. */
    private int[] shuffled(int n) {
        EpochOrder order = new EpochOrder(n, rng);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order.next();
        }
        return out;
    }

    /** Records this source makes in all. */
    public int size() {
        return picks.size();
    }

    @Override
    public boolean hasNext() {
        return next < picks.size();
    }

    @Override
    public Keyed next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Pick pick = picks.get(next++);
        LabelledImage item = pick.dataset().get(pick.index());
        if (item.label() == null) {
            throw new IllegalArgumentException(
                    pick.dataset().name() + " has an unlabelled image: the evaluation set needs labels");
        }
        PixelImage source = item.image();
        PixelImage clean = outputSize == 0 ? source : source.resize(outputSize, outputSize);
        List<byte[]> views = pick.role() == ProbeRole.QUERY
                ? List.of(
                        ImageCodec.encode(augmenter.view(source, rng), format),
                        ImageCodec.encode(augmenter.view(source, rng), format))
                : List.of();
        return new Keyed(pick.id(), new ProbeImage(pick.role(), item.label(), ImageCodec.encode(clean, format), views));
    }
}
