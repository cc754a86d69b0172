/**
 * Fixed-capacity stores of labelled unit vectors shared by training (the negative bank) and the
 * statistics (the recent-embeddings window): {@link io.contrastream.service.vectors.VectorQueue},
 * and {@link io.contrastream.service.vectors.VectorQueue#NO_LABEL} for vectors without a label.
 */
package io.contrastream.service.vectors;
