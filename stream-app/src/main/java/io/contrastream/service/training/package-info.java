/**
 * The learning itself: the encoder architecture, the InfoNCE loss, the negative queue and the
 * momentum encoder, and {@link io.contrastream.service.training.OnlineTrainer}, which turns one
 * batch of pairs into one optimiser step on DJL's PyTorch engine (GPU when present).
 */
package io.contrastream.service.training;
