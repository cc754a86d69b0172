package io.contrastream.producer.dataset;

import io.contrastream.image.PixelImage;
import java.util.SplittableRandom;

/**
 * A labelled dataset that needs nothing installed: ten classes of grey shapes (disc, square,
 * triangle, plus, ring, horizontal bars, vertical bars, checkerboard, diagonal, two dots) at a
 * random position, size and brightness over a noisy background. Image i is a pure function of
 * (seed, i), so every run and every consumer sees the same data.
 */
public final class SyntheticDataset implements Dataset {

    public static final int CLASSES = 10;

    private final int size;
    private final int side;
    private final long seed;

    public SyntheticDataset(int size, int side, long seed) {
        if (size < 1 || side < 8) {
            throw new IllegalArgumentException("size >= 1 and side >= 8");
        }
        this.size = size;
        this.side = side;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "synthetic shapes (" + size + ", " + CLASSES + " classes)";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public LabelledImage get(int index) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int label = index % CLASSES;
        float[] px = new float[side * side];
        float background = (float) (0.1 * rng.nextDouble());
        float ink = (float) (0.6 + 0.4 * rng.nextDouble());
        double cx = side * (0.35 + 0.3 * rng.nextDouble());
        double cy = side * (0.35 + 0.3 * rng.nextDouble());
        double r = side * (0.18 + 0.14 * rng.nextDouble());
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = (x + 0.5 - cx) / r;
                double dy = (y + 0.5 - cy) / r;
                boolean on = inside(label, dx, dy, x, y);
                px[y * side + x] = on ? ink : background + (float) (0.08 * rng.nextDouble());
            }
        }
        return new LabelledImage(new PixelImage(1, side, side, px), label);
    }

    private boolean inside(int label, double dx, double dy, int x, int y) {
        double ax = Math.abs(dx);
        double ay = Math.abs(dy);
        double d = Math.hypot(dx, dy);
        int period = Math.max(2, side / 8);
        return switch (label) {
            case 0 -> d <= 1;
            case 1 -> ax <= 0.85 && ay <= 0.85;
            case 2 -> dy <= 0.8 && dy >= -0.9 && ax <= (dy + 0.9) * 0.55;
            case 3 -> (ax <= 0.25 && ay <= 1) || (ay <= 0.25 && ax <= 1);
            case 4 -> d <= 1 && d >= 0.6;
            case 5 -> ax <= 1.1 && ay <= 1.1 && (y / period) % 2 == 0;
            case 6 -> ax <= 1.1 && ay <= 1.1 && (x / period) % 2 == 0;
            case 7 -> ax <= 1.1 && ay <= 1.1 && ((x / period) + (y / period)) % 2 == 0;
            case 8 -> Math.abs(dx - dy) <= 0.3 && d <= 1.2;
            default -> Math.hypot(dx - 0.55, dy) <= 0.35 || Math.hypot(dx + 0.55, dy) <= 0.35;
        };
    }
}
