/**
 * Durable training state: atomic, verified checkpoint files of encoder, momentum encoder, bank
 * and step, led by the {@link io.contrastream.service.checkpoint.InputLedger} that says which
 * input records that state has learned, so a restarted service resumes exactly where its newest
 * complete checkpoint left off: nothing lost, nothing learned twice.
 */
package io.contrastream.service.checkpoint;
