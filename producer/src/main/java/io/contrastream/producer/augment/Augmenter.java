package io.contrastream.producer.augment;

import io.contrastream.image.PixelImage;
import java.util.SplittableRandom;

/**
 * Makes a random view of an image: random resized crop, horizontal flip, colour jitter
 * (brightness and contrast; saturation and hue for RGB), random greyscale, optional Gaussian
 * blur. Deterministic for a given random source, so a seeded run reproduces its pairs.
 */
public final class Augmenter {

    private static final double MIN_ASPECT = 3.0 / 4;
    private static final double MAX_ASPECT = 4.0 / 3;

    private final AugmentSettings settings;

    public Augmenter(AugmentSettings settings) {
        this.settings = settings;
    }

    public PixelImage view(PixelImage source, SplittableRandom rng) {
        int out = settings.outputSize() == 0 ? source.height() : settings.outputSize();
        PixelImage img = randomResizedCrop(source, out, rng);
        float[] d = img.data();
        if (rng.nextDouble() < settings.flipProbability()) {
            flip(img);
        }
        if (rng.nextDouble() < settings.jitterProbability()) {
            jitter(img, rng);
        }
        if (img.channels() == 3 && rng.nextDouble() < settings.grayscaleProbability()) {
            img = new PixelImage(1, img.height(), img.width(), img.luma()).withChannels(3);
            d = img.data();
        }
        if (rng.nextDouble() < settings.blurProbability()) {
            img = blur(img, 0.1 + 1.9 * rng.nextDouble()); // SimCLR's sigma range, in pixels
            d = img.data();
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, Math.min(1f, d[i]));
        }
        return img;
    }

    /** Torchvision's RandomResizedCrop: area scale and log-uniform aspect, ten tries, then centre. */
    private PixelImage randomResizedCrop(PixelImage src, int out, SplittableRandom rng) {
        double area = (double) src.height() * src.width();
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area
                    * (settings.cropScaleMin()
                            + rng.nextDouble() * (settings.cropScaleMax() - settings.cropScaleMin()));
            double aspect =
                    Math.exp(Math.log(MIN_ASPECT) + rng.nextDouble() * (Math.log(MAX_ASPECT) - Math.log(MIN_ASPECT)));
            double w = Math.sqrt(target * aspect);
            double h = Math.sqrt(target / aspect);
            if (w <= src.width() && h <= src.height()) {
                double top = rng.nextDouble() * (src.height() - h);
                double left = rng.nextDouble() * (src.width() - w);
                return src.crop(top, left, h, w, out, out);
            }
        }
        double side = Math.min(src.height(), src.width());
        return src.crop((src.height() - side) / 2, (src.width() - side) / 2, side, side, out, out);
    }

    private static void flip(PixelImage img) {
        float[] d = img.data();
        int w = img.width();
        for (int row = 0; row < img.channels() * img.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w / 2; x++) {
                float t = d[base + x];
                d[base + x] = d[base + w - 1 - x];
                d[base + w - 1 - x] = t;
            }
        }
    }

    private void jitter(PixelImage img, SplittableRandom rng) {
        float[] d = img.data();
        float b = factor(settings.brightness(), rng);
        for (int i = 0; i < d.length; i++) {
            d[i] *= b;
        }
        float c = factor(settings.contrast(), rng);
        float[] luma = img.luma();
        double mean = 0;
        for (float v : luma) {
            mean += v;
        }
        float m = (float) (mean / luma.length);
        for (int i = 0; i < d.length; i++) {
            d[i] = m + c * (d[i] - m);
        }
        if (img.channels() == 3) {
            float s = factor(settings.saturation(), rng);
            int plane = img.height() * img.width();
            float[] grey = img.luma();
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < plane; i++) {
                    d[ch * plane + i] = grey[i] + s * (d[ch * plane + i] - grey[i]);
                }
            }
            rotateHue(d, plane, (rng.nextDouble() * 2 - 1) * settings.hue() * 2 * Math.PI);
        }
    }

    private static float factor(double strength, SplittableRandom rng) {
        return (float) Math.max(0, 1 + (rng.nextDouble() * 2 - 1) * strength);
    }

    /** Rotates chroma in YIQ space: a cheap hue shift that keeps luma. */
    private static void rotateHue(float[] d, int plane, double angle) {
        float cos = (float) Math.cos(angle);
        float sin = (float) Math.sin(angle);
        for (int i = 0; i < plane; i++) {
            float r = d[i];
            float g = d[plane + i];
            float b = d[2 * plane + i];
            float y = 0.299f * r + 0.587f * g + 0.114f * b;
            float ci = 0.596f * r - 0.274f * g - 0.322f * b;
            float cq = 0.211f * r - 0.523f * g + 0.312f * b;
            float i2 = ci * cos - cq * sin;
            float q2 = ci * sin + cq * cos;
            d[i] = y + 0.956f * i2 + 0.621f * q2;
            d[plane + i] = y - 0.272f * i2 - 0.647f * q2;
            d[2 * plane + i] = y - 1.106f * i2 + 1.703f * q2;
        }
    }

    /** Separable Gaussian blur, kernel radius ceil(3 sigma), edges clamped. */
    static PixelImage blur(PixelImage img, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int h = img.height();
        int w = img.width();
        float[] src = img.data();
        float[] tmp = new float[src.length];
        float[] out = new float[src.length];
        for (int c = 0; c < img.channels(); c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    for (int j = -radius; j <= radius; j++) {
                        acc += k[j + radius] * src[base + y * w + Math.min(w - 1, Math.max(0, x + j))];
                    }
                    tmp[base + y * w + x] = acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    for (int j = -radius; j <= radius; j++) {
                        acc += k[j + radius] * tmp[base + Math.min(h - 1, Math.max(0, y + j)) * w + x];
                    }
                    out[base + y * w + x] = acc;
                }
            }
        }
        return new PixelImage(img.channels(), h, w, out);
    }
}
