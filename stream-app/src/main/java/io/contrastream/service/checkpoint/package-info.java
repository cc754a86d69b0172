/**
 * Durable training state: atomic, verified checkpoint files of encoder, momentum encoder, bank
 * and step, so a restarted service resumes where its newest complete checkpoint left off.
 */
package io.contrastream.service.checkpoint;
