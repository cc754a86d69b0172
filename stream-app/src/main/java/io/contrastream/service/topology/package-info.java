/**
 * The Kafka Streams topology (Processor API): decode and validate input pairs, route bad records
 * to the dead-letter topic with their reason, train on the good ones and publish reports.
 * {@link io.contrastream.service.topology.ContrastiveTopology#create} is the one way to build it.
 */
package io.contrastream.service.topology;
