/**
 * The benchmark behind {@code contrastream bench}: in one run, the full pipeline, the bare
 * training loop on the same pairs, and {@code bench/pytorch_reference.py}, the same step in
 * PyTorch eager mode on the same batches from the same weights (its losses checked against the
 * Java step's), reported as medians and their ratios with the step's time by phase; and {@code
 * bench --grid}, throughput and memory over batch size and encoder width, a JVM per point.
 */
package io.contrastream.experiments.bench;
