/**
 * The benchmark behind {@code contrastream bench}: full pipeline against the bare training loop
 * on the same pairs, in one run, reported as medians and their ratio.
 */
package io.contrastream.experiments.bench;
