/**
 * The learning itself: the encoder architecture, the InfoNCE loss, the negative queue and the
 * momentum encoder, and {@link io.contrastream.service.training.OnlineTrainer}, which turns one
 * batch of pairs into one optimiser step on DJL's PyTorch engine (GPU when present), timed by
 * {@link io.contrastream.service.training.StepPhase}, in float32 or, with {@link
 * io.contrastream.service.training.Precision#BF16}, in bfloat16 around float32 weights.
 */
package io.contrastream.service.training;
