package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON form of {@link EmbeddingRecord}: the vector as a JSON array of numbers (float32 values,
 * {@code dim} of them), readable by any client and by {@code jq}.
 */
public final class EmbeddingCodec {

    private EmbeddingCodec() {}

    public static ObjectNode toJson(EmbeddingRecord r) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("model_id", r.modelId());
        node.put("model_version", r.modelVersion());
        node.put("timestamp_ms", r.timestampMs());
        node.put("dim", r.embedding().length);
        ArrayNode v = node.putArray("embedding");
        for (float f : r.embedding()) {
            v.add(f);
        }
        return node;
    }

    public static byte[] encode(EmbeddingRecord r) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static EmbeddingRecord decode(byte[] json) {
        try {
            return fromJson(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("embedding record is not JSON", e);
        }
    }

    public static EmbeddingRecord fromJson(JsonNode n) {
        JsonNode v = n.path("embedding");
        float[] embedding = new float[v.size()];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) v.get(i).asDouble();
        }
        return new EmbeddingRecord(
                n.path("model_id").asText(),
                n.path("model_version").asLong(),
                n.path("timestamp_ms").asLong(),
                embedding);
    }
}
