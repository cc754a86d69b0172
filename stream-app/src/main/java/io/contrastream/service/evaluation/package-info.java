/**
 * Downstream quality, measured apart from training: the clean evaluation set
 * ({@link io.contrastream.service.evaluation.CleanSet}, kept in step with the compacted probe topic by
 * {@link io.contrastream.service.evaluation.ProbeTopicReader}) scored the paper's way by
 * {@link io.contrastream.service.evaluation.CleanSetEvaluation} (kNN against references, a linear
 * probe, uniformity, tolerance and alignment of clean queries), or without one a held-out slice of
 * the stream ({@link io.contrastream.service.evaluation.HeldOutEvaluation}). Both report how far the
 * embeddings moved between evaluations and since the last export.
 */
package io.contrastream.service.evaluation;
