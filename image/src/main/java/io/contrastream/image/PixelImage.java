package io.contrastream.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * An image as floats in [0, 1], channel-major (C, H, W), with 1 (grey) or 3 (RGB) channels.
 * The one pixel representation shared by datasets, augmentations and the service's decoder.
 */
public final class PixelImage {

    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    public PixelImage(int channels, int height, int width, float[] data) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0 || data.length != channels * height * width) {
            throw new IllegalArgumentException(
                    "data of length " + data.length + " does not fit " + channels + "x" + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    public static PixelImage blank(int channels, int height, int width) {
        return new PixelImage(channels, height, width, new float[channels * height * width]);
    }

    /** Grey images with a single band stay grey; everything else becomes RGB. */
    public static PixelImage fromBufferedImage(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        boolean grey = img.getColorModel().getNumColorComponents() == 1;
        if (grey && img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] bytes = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            float[] out = new float[h * w];
            for (int i = 0; i < out.length; i++) {
                out[i] = (bytes[i] & 0xff) / 255f;
            }
            return new PixelImage(1, h, w, out);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = h * w;
        if (grey) {
            float[] out = new float[plane];
            for (int i = 0; i < plane; i++) {
                out[i] = (argb[i] & 0xff) / 255f;
            }
            return new PixelImage(1, h, w, out);
        }
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p >> 16) & 0xff) / 255f;
            out[plane + i] = ((p >> 8) & 0xff) / 255f;
            out[2 * plane + i] = (p & 0xff) / 255f;
        }
        return new PixelImage(3, h, w, out);
    }

    public BufferedImage toBufferedImage() {
        int plane = height * width;
        if (channels == 1) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] bytes = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < plane; i++) {
                bytes[i] = (byte) toByte(data[i]);
            }
            return img;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = toByte(data[i]) << 16 | toByte(data[plane + i]) << 8 | toByte(data[2 * plane + i]);
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    private static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    /** Converts to 1 channel (ITU-R 601 luma) or 3 (grey replicated); same image if equal. */
    public PixelImage withChannels(int target) {
        if (target == channels) {
            return this;
        }
        int plane = height * width;
        if (target == 3) {
            float[] out = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(data, 0, out, c * plane, plane);
            }
            return new PixelImage(3, height, width, out);
        }
        if (target == 1) {
            return new PixelImage(1, height, width, luma());
        }
        throw new IllegalArgumentException("channels must be 1 or 3, got " + target);
    }

    /** Per-pixel luma of an RGB image (or the grey plane itself). */
    public float[] luma() {
        int plane = height * width;
        if (channels == 1) {
            return Arrays.copyOf(data, plane);
        }
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = 0.299f * data[i] + 0.587f * data[plane + i] + 0.114f * data[2 * plane + i];
        }
        return out;
    }

    /** Bilinear resize of the whole image. */
    public PixelImage resize(int outHeight, int outWidth) {
        if (outHeight == height && outWidth == width) {
            return this;
        }
        return crop(0, 0, height, width, outHeight, outWidth);
    }

    /**
     * Samples the box (top, left, boxHeight, boxWidth), in source pixels and possibly fractional,
     * into an image of outHeight x outWidth with bilinear interpolation (pixel-centre aligned,
     * edges clamped).
     */
    public PixelImage crop(double top, double left, double boxHeight, double boxWidth, int outHeight, int outWidth) {
        float[] out = new float[channels * outHeight * outWidth];
        double sy = boxHeight / outHeight;
        double sx = boxWidth / outWidth;
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        for (int oy = 0; oy < outHeight; oy++) {
            double y = clamp(top + (oy + 0.5) * sy - 0.5, 0, height - 1);
            int y0 = (int) y;
            int y1 = Math.min(y0 + 1, height - 1);
            float fy = (float) (y - y0);
            for (int ox = 0; ox < outWidth; ox++) {
                double x = clamp(left + (ox + 0.5) * sx - 0.5, 0, width - 1);
                int x0 = (int) x;
                int x1 = Math.min(x0 + 1, width - 1);
                float fx = (float) (x - x0);
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float top0 = data[base + y0 * width + x0] * (1 - fx) + data[base + y0 * width + x1] * fx;
                    float bot0 = data[base + y1 * width + x0] * (1 - fx) + data[base + y1 * width + x1] * fx;
                    out[c * outPlane + oy * outWidth + ox] = top0 * (1 - fy) + bot0 * fy;
                }
            }
        }
        return new PixelImage(channels, outHeight, outWidth, out);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The backing array (C, H, W); callers that change it own the image. */
    public float[] data() {
        return data;
    }

    public PixelImage copy() {
        return new PixelImage(channels, height, width, data.clone());
    }
}
