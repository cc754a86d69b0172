/**
 * The Kafka Streams topology (Processor API): decode and validate input pairs, route bad records
 * (and records a step failed on) to the dead-letter topic with their reason, in copies that
 * always fit, train on the good ones and publish reports. Also the Kafka clients that resume
 * each partition where the restored checkpoint's input ends, and the handler that keeps a refused
 * output record from stopping the service, and {@link
 * io.contrastream.service.topology.StreamStages}, where the stream threads' time goes by stage.
 * {@link io.contrastream.service.topology.ContrastiveTopology#create} is the one way to build it.
 */
package io.contrastream.service.topology;
