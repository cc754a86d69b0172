package io.contrastream.encoder;

import ai.djl.ndarray.types.Shape;
import io.contrastream.image.PixelImage;

/**
 * The encoder's architecture: what a checkpoint must match to be loaded.
 *
 * @param channels input channels (1 grey, 3 RGB); decoded images are converted to this
 * @param imageSize input height and width; decoded images are resized to this
 * @param width channels of the first residual stage (stages use width, 2*width, 4*width)
 * @param embeddingDim size of the L2-normalised output
 */
public record EncoderSpec(int channels, int imageSize, int width, int embeddingDim) {

    public EncoderSpec {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3");
        }
        if (imageSize < 8 || width < 1 || embeddingDim < 2) {
            throw new IllegalArgumentException("image size >= 8, width >= 1, embedding dim >= 2");
        }
    }

    public int pixelsPerImage() {
        return channels * imageSize * imageSize;
    }

    public Shape inputShape(int batch) {
        return new Shape(batch, channels, imageSize, imageSize);
    }

    /**
     * An image as the encoder takes it: converted to its channels (grey replicated, RGB reduced to
     * luma), resized bilinearly to its size; floats in [0, 1], (C, H, W). The service, the sweep
     * and exported models all prepare images here.
     */
    public float[] prepare(PixelImage image) {
        return image.withChannels(channels).resize(imageSize, imageSize).data();
    }
}
