/**
 * Publishing pairs: {@link io.contrastream.producer.publish.PairSource} makes them (shuffled
 * epochs, seeded augmentations), {@link io.contrastream.producer.publish.PairPublisher} sends
 * them at a rate, for N epochs, a limit or forever, with a progress bar.
 */
package io.contrastream.producer.publish;
