package io.contrastream.producer.dataset;

import io.contrastream.image.PixelImage;

/** One source image and its class label ({@code null} when the source has none). */
public record LabelledImage(PixelImage image, Integer label) {}
