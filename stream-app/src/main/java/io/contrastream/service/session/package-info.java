/**
 * The training session: the one model of a service instance and its rhythm (batching, steps,
 * reports, checkpoints, the step limit), independent of Kafka so that the topology, the
 * benchmark and tests drive the same code. It owns its counts and tells
 * {@link io.contrastream.service.session.SessionListener}s what happens; Prometheus is one. The
 * steps, and everything else that touches the model, run on its
 * {@link io.contrastream.service.session.TrainerThread}, beside the stream threads that feed it,
 * any number of them, one pair at a time.
 */
package io.contrastream.service.session;
