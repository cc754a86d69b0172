/**
 * The paper's statistics, their definitions and the report: uniformity and tolerance on a window
 * of recent embeddings, alignment and positive similarity per pair, the relative-penalty and
 * false-negative statistics per sampled anchor, and a fixed-bin histogram for the
 * negative-similarity quantiles. Pure Java on plain arrays, so every definition is testable
 * against closed forms without a model; the service computes them on the step's device ({@code
 * training.DeviceStatistics}, {@code EmbeddingWindow}), and these are the oracle it is tested
 * against ({@link io.contrastream.service.stats.HostStepStatistics}). {@link
 * io.contrastream.service.stats.StatsCollector} sums what each step measured into a report.
 */
package io.contrastream.service.stats;
