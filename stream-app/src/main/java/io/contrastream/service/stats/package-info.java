/**
 * The paper's statistics, computed on the stream at bounded cost: uniformity and tolerance on a
 * window of recent embeddings, alignment and positive similarity per pair, the relative-penalty
 * and false-negative statistics per sampled anchor, and a fixed-bin histogram for the
 * negative-similarity quantiles. Pure Java on plain arrays, so every definition is testable
 * against closed forms without a model.
 */
package io.contrastream.service.stats;
