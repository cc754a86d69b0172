/**
 * The paper's experiment behind {@code contrastream sweep}: the same stream through fresh models
 * per loss and temperature, with results.csv and plots. It drives the training session through
 * its public entry points, with no broker.
 */
package io.contrastream.experiments.sweep;
