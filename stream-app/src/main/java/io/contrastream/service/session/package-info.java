/**
 * The training session: the one model of a service instance and its rhythm (batching, steps,
 * reports, checkpoints, the step limit), independent of Kafka so that the topology, the
 * benchmark and tests drive the same code. It owns its counts and tells
 * {@link io.contrastream.service.session.SessionListener}s what happens; Prometheus is one.
 */
package io.contrastream.service.session;
