package io.contrastream.service.input;

import io.contrastream.wire.ProbeRole;

/**
 * A validated image of the clean evaluation set, decoded and resized to the encoder's input.
 *
 * @param views its augmented views for alignment (none, or two), each (C, H, W)
 */
public record DecodedProbe(String id, ProbeRole role, int label, float[] image, float[][] views) {}
