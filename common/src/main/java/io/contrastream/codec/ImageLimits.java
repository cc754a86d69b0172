package io.contrastream.codec;

/**
 * What the decoder accepts before it spends memory on an image: the encoded size, and the
 * width and height read from the header. A 1 KB PNG can claim 60000 x 60000 pixels; checking the
 * header first keeps such a record from taking the service down.
 */
public record ImageLimits(int maxEncodedBytes, int maxSide, long maxPixels) {

    /**
     * Generous for 28-256 px training images, far below anything that threatens the heap: a
     * decoded image costs about 4 bytes a pixel, so 4 Mpx is 16 MB however small its file.
     */
    public static final ImageLimits DEFAULT = new ImageLimits(4 * 1024 * 1024, 4096, 4L * 1024 * 1024);

    public ImageLimits {
        if (maxEncodedBytes <= 0 || maxSide <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The same limits with another side limit and a pixel budget of a square of that side. */
    public ImageLimits(int maxEncodedBytes, int maxSide) {
        this(maxEncodedBytes, maxSide, (long) maxSide * maxSide);
    }
}
