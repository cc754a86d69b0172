package io.contrastream.service.training;

import io.contrastream.encoder.EncoderSpec;
import java.util.Random;

/**
 * Labelled toy images for training tests: each class is a bar at its own angle; each view jitters
 * its position, thickness and brightness, so two views of one sample differ but stay closer to
 * each other than to other classes.
 */
public final class TestImages {

    private TestImages() {}

    public static TrainingBatch batch(Random rng, int size, int classes, EncoderSpec spec) {
        int n = spec.pixelsPerImage();
        float[] v1 = new float[size * n];
        float[] v2 = new float[size * n];
        int[] labels = new int[size];
        String[] ids = new String[size];
        for (int i = 0; i < size; i++) {
            int label = rng.nextInt(classes);
            labels[i] = label;
            ids[i] = "toy-" + rng.nextLong();
            double offset = rng.nextDouble() * 6 - 3;
            System.arraycopy(view(rng, label, classes, offset, spec), 0, v1, i * n, n);
            System.arraycopy(view(rng, label, classes, offset, spec), 0, v2, i * n, n);
        }
        return new TrainingBatch(ids, v1, v2, labels);
    }

    static float[] view(Random rng, int label, int classes, double offset, EncoderSpec spec) {
        int s = spec.imageSize();
        float[] img = new float[spec.pixelsPerImage()];
        double angle = Math.PI * label / classes;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double shift = offset + rng.nextGaussian();
        double thickness = 1.5 + rng.nextDouble();
        float brightness = 0.6f + 0.4f * rng.nextFloat();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double dist = Math.abs((x - s / 2.0) * dy - (y - s / 2.0) * dx - shift);
                float v = dist < thickness ? brightness : 0.05f * rng.nextFloat();
                for (int c = 0; c < spec.channels(); c++) {
                    img[c * s * s + y * s + x] = v;
                }
            }
        }
        return img;
    }
}
