/**
 * Publishing pairs: {@link io.contrastream.producer.publish.PairSource} makes them (shuffled
 * epochs, seeded augmentations), {@link io.contrastream.producer.publish.PairPublisher} sends
 * them at a rate, for N epochs, a limit or forever, with a progress bar.
 * {@link io.contrastream.producer.publish.ProbeSource} makes the clean evaluation set's records.
 */
package io.contrastream.producer.publish;
