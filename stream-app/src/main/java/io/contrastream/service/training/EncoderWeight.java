package io.contrastream.service.training;

/**
 * One of the encoder's tensors as plain numbers: a weight or a batch-norm statistic, under
 * DJL's name for it, in the order DJL lists the block's parameters.
 *
 * @param shape its dimensions
 * @param values row-major
 */
public record EncoderWeight(String name, long[] shape, float[] values) {}
