package io.contrastream.wire;

/**
 * One sample's embedding, as published on the embeddings topic (keyed by sample id; schema
 * {@code schemas/embedding.schema.json}) and returned by the service's {@code /embed} endpoint.
 *
 * @param modelId the model
 * @param modelVersion training steps applied to the weights that produced the embedding
 * @param timestampMs when it was produced, epoch millis
 * @param embedding the L2-normalised vector
 */
public record EmbeddingRecord(String modelId, long modelVersion, long timestampMs, float[] embedding) {}
