package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The metrics topic carries two kinds of record, told apart by their {@value #RECORD_TYPE} field:
 * {@code report} ({@link MetricsRecordCodec}) and {@code drift} ({@link DriftEvent}).
 */
public final class MetricsTopicRecords {

    public static final String RECORD_TYPE = "record_type";
    public static final String REPORT = "report";
    public static final String DRIFT = "drift";

    private MetricsTopicRecords() {}

    /** The record's type, or {@code null} when it has none. */
    public static String typeOf(byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return n == null || !n.has(RECORD_TYPE) ? null : n.get(RECORD_TYPE).asText();
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] encodeDrift(DriftEvent e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(RECORD_TYPE, DRIFT);
        node.put("model_id", e.modelId());
        node.put("step", e.step());
        node.put("timestamp_ms", e.timestampMs());
        node.put("statistic", e.statistic());
        node.put("direction", e.direction());
        node.put("value", e.value());
        node.put("baseline", e.baseline());
        node.put("cusum", e.cusum());
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise a JSON tree", ex);
        }
    }

    public static DriftEvent decodeDrift(byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return new DriftEvent(
                    n.path("model_id").asText(),
                    n.path("step").asLong(),
                    n.path("timestamp_ms").asLong(),
                    n.path("statistic").asText(),
                    n.path("direction").asText(),
                    n.path("value").asDouble(),
                    n.path("baseline").asDouble(),
                    n.path("cusum").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("drift event is not JSON", e);
        }
    }
}
