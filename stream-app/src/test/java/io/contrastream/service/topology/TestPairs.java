package io.contrastream.service.topology;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.image.PixelImage;
import io.contrastream.service.training.TestImages;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.ImagePair;
import io.contrastream.wire.ImagePairCodec;
import java.util.Arrays;
import java.util.Random;

/** Wire-format pairs of the toy images, encoded exactly as a producer would. */
public final class TestPairs {

    private TestPairs() {}

    public static byte[] encoded(Random rng, int classes, EncoderSpec spec) {
        TrainingBatch one = TestImages.batch(rng, 1, classes, spec);
        return ImagePairCodec.encode(new ImagePair(
                png(one.view1(), spec), png(one.view2(), spec), one.labels()[0], System.currentTimeMillis()));
    }

    public static byte[] png(float[] pixels, EncoderSpec spec) {
        int s = spec.imageSize();
        return ImageCodec.encode(
                new PixelImage(spec.channels(), s, s, Arrays.copyOf(pixels, spec.pixelsPerImage())), ImageFormat.PNG);
    }
}
