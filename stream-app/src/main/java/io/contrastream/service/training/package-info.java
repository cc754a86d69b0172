/**
 * The learning itself: the encoder architecture, the InfoNCE loss, the negative queue and the
 * momentum encoder, and {@link io.contrastream.service.training.OnlineTrainer}, which turns one
 * batch of pairs into one optimiser step on DJL's PyTorch engine (GPU when present), timed by
 * {@link io.contrastream.service.training.StepPhase}, in float32 or, with {@link
 * io.contrastream.service.training.Precision#BF16}, in bfloat16 around float32 weights. The
 * encoder's parameters live in one flat array ({@link
 * io.contrastream.service.training.FlatParameters}) that {@link
 * io.contrastream.service.training.FlatOptimizer} and the momentum pull update in a few kernels,
 * and the queue bank keeps a copy on the device ({@link
 * io.contrastream.service.training.DeviceQueue}). The step measures the paper's statistics where
 * its similarities are ({@link io.contrastream.service.training.DeviceStatistics}, a window of
 * recent embeddings in {@link io.contrastream.service.training.EmbeddingWindow}) and hands the
 * host O(batch) numbers.
 */
package io.contrastream.service.training;
