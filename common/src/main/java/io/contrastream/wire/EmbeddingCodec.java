package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The two forms of {@link EmbeddingRecord} on the embeddings topic ({@link EmbeddingFormat}).
 *
 * <p>JSON: the vector as a JSON array of numbers (float32 values, {@code dim} of them), readable by
 * any client and by {@code jq}; schema {@code schemas/embedding.schema.json}.
 *
 * <p>Binary, version 1, little-endian, about a third of the JSON's size and no number printing:
 *
 * <pre>
 *   offset  size  field
 *        0     3  magic "CSE"
 *        3     1  version, 1
 *        4     2  dim (uint16)
 *        6     8  model_version (int64)
 *       14     8  timestamp_ms (int64)
 *       22     2  n, the sample id's length in bytes (uint16), then n bytes of UTF-8
 *   24 + n     2  m, the model id's length (uint16), then m bytes of UTF-8
 * 26 + n + m  4 dim  the embedding, float32
 * </pre>
 *
 * A JSON value starts with '{' (or whitespace), never with "CSE": {@link #decode} reads either.
 */
public final class EmbeddingCodec {

    /** The first bytes of a binary embedding: "CSE" and the layout's version. */
    static final byte[] MAGIC = {'C', 'S', 'E', 1};

    private static final int HEADER = 24;

    private EmbeddingCodec() {}

    /** The record in the given form; the sample id (the record's key) goes into the binary form too. */
    public static byte[] encode(String sampleId, EmbeddingRecord r, EmbeddingFormat format) {
        return format == EmbeddingFormat.JSON ? encode(r) : encodeBinary(sampleId, r);
    }

    static byte[] encodeBinary(String sampleId, EmbeddingRecord r) {
        byte[] id = utf8(sampleId == null ? "" : sampleId);
        byte[] model = utf8(r.modelId());
        float[] v = r.embedding();
        ByteBuffer out = ByteBuffer.allocate(HEADER + id.length + 2 + model.length + 4 * v.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) v.length).putLong(r.modelVersion()).putLong(r.timestampMs());
        out.putShort((short) id.length).put(id).putShort((short) model.length).put(model);
        out.asFloatBuffer().put(v);
        return out.array();
    }

    /** True if the value is in the binary form. */
    public static boolean isBinary(byte[] value) {
        return value.length >= MAGIC.length && value[0] == MAGIC[0] && value[1] == MAGIC[1] && value[2] == MAGIC[2];
    }

    /** The sample id a binary value carries (the JSON form has none: it is the key). */
    public static String sampleIdOf(byte[] binary) {
        ByteBuffer in = ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN);
        int n = Short.toUnsignedInt(in.getShort(HEADER - 2));
        return new String(binary, HEADER, n, StandardCharsets.UTF_8);
    }

    private static EmbeddingRecord decodeBinary(byte[] value) {
        if (value[3] != MAGIC[3]) {
            throw new IllegalArgumentException("binary embedding of version " + value[3] + "; this reads version 1");
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int dim = Short.toUnsignedInt(in.getShort());
        long version = in.getLong();
        long timestamp = in.getLong();
        int idLength = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + idLength); // the sample id, which the key carries too
        byte[] model = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(model);
        float[] embedding = new float[dim];
        in.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(embedding);
        return new EmbeddingRecord(new String(model, StandardCharsets.UTF_8), version, timestamp, embedding);
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("an id of " + bytes.length + " bytes does not fit the binary header");
        }
        return bytes;
    }

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

    /** A value of the embeddings topic, in either form. */
    public static EmbeddingRecord decode(byte[] value) {
        if (isBinary(value)) {
            return decodeBinary(value);
        }
        try {
            return fromJson(Json.MAPPER.readTree(value));
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
