package io.contrastream.producer.augment;

/**
 * SimCLR-style augmentation of one view. Defaults follow SimCLR's CIFAR recipe (colour jitter
 * strength 0.5, MoCo v2's crop scale lower bound 0.2, no blur on small images).
 *
 * @param outputSize side of the produced view; 0 keeps the source's size
 * @param cropScaleMin smallest crop, as a fraction of the source area
 * @param cropScaleMax largest crop, as a fraction of the source area
 * @param flipProbability chance of a horizontal flip
 * @param jitterProbability chance of colour jitter
 * @param brightness brightness factor range 1 +- this
 * @param contrast contrast factor range 1 +- this
 * @param saturation saturation factor range 1 +- this (RGB only)
 * @param hue hue rotation range +- this, in turns (RGB only)
 * @param grayscaleProbability chance of converting to grey (RGB only)
 * @param blurProbability chance of a Gaussian blur, sigma uniform in [0.1, 2.0] pixels
 */
public record AugmentSettings(
        int outputSize,
        double cropScaleMin,
        double cropScaleMax,
        double flipProbability,
        double jitterProbability,
        double brightness,
        double contrast,
        double saturation,
        double hue,
        double grayscaleProbability,
        double blurProbability) {

    public static final AugmentSettings DEFAULT =
            new AugmentSettings(0, 0.2, 1.0, 0.5, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.0);

    public AugmentSettings {
        if (outputSize < 0 || cropScaleMin <= 0 || cropScaleMax > 1 || cropScaleMin > cropScaleMax) {
            throw new IllegalArgumentException("need 0 < crop scale min <= max <= 1 and output size >= 0");
        }
        for (double p : new double[] {flipProbability, jitterProbability, grayscaleProbability, blurProbability}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("probabilities must be in [0, 1]");
            }
        }
        if (brightness < 0 || contrast < 0 || saturation < 0 || hue < 0 || hue > 0.5) {
            throw new IllegalArgumentException("jitter strengths must be >= 0, hue <= 0.5");
        }
    }
}
