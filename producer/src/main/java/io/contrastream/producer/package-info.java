/**
 * The producer: reads a dataset, makes two random augmentations of each image and publishes the
 * pair to Kafka in the wire format of {@code io.contrastream.wire}.
 */
package io.contrastream.producer;
