package io.contrastream.experiments.bench;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageDecodeException;
import io.contrastream.codec.ImageFormat;
import io.contrastream.codec.ImageLimits;
import io.contrastream.image.PixelImage;
import io.contrastream.producer.augment.AugmentSettings;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.SyntheticDataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Decoding cost per image, side by side in one JVM: {@link ImageCodec#decode} (which takes the
 * direct path for the producer's plain PNGs) against ImageIO's own reader on the same bytes.
 * Prints each round and the median ratio. Arguments: image side (default 28), rounds (default 9).
 */
public final class DecodeBench {

    private DecodeBench() {}

    public static void main(String[] args) throws IOException, ImageDecodeException {
        int side = args.length > 0 ? Integer.parseInt(args[0]) : 28;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        SyntheticDataset data = new SyntheticDataset(2000, side, 1);
        Augmenter augmenter = new Augmenter(AugmentSettings.DEFAULT);
        SplittableRandom rng = new SplittableRandom(2);
        List<byte[]> views = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            views.add(ImageCodec.encode(augmenter.view(data.get(i).image(), rng), ImageFormat.PNG));
        }
        double[] ratios = new double[rounds];
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (byte[] png : views) {
                sink += ImageCodec.decode(png, ImageLimits.DEFAULT).data()[0];
            }
            long t1 = System.nanoTime();
            for (byte[] png : views) {
                PixelImage viaImageIo = PixelImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(png)));
                sink += viaImageIo.data()[0];
            }
            long t2 = System.nanoTime();
            ratios[round] = (double) (t2 - t1) / (t1 - t0);
            System.out.printf(
                    "round %d: ImageCodec %.1f us/image, ImageIO %.1f us/image, ImageIO / ImageCodec %.2f%n",
                    round + 1, (t1 - t0) / 1e3 / views.size(), (t2 - t1) / 1e3 / views.size(), ratios[round]);
        }
        Arrays.sort(ratios);
        System.out.printf(
                "median ImageIO / ImageCodec over %d rounds of %d %dx%d PNG views: %.2f (checksum %.1f)%n",
                rounds, views.size(), side, side, ratios[rounds / 2], sink);
    }
}
