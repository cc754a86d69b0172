package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/** JSON form of {@link MetricsRecord}: one flat object, statistics by their field names. */
public final class MetricsRecordCodec {

    public static final String POSITIVE_HISTOGRAM = "positive_similarity_histogram";
    public static final String NEGATIVE_HISTOGRAM = "negative_similarity_histogram";

    private MetricsRecordCodec() {}

    public static byte[] encode(MetricsRecord r) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(MetricsTopicRecords.RECORD_TYPE, MetricsTopicRecords.REPORT);
        node.put("schema_version", MetricsRecord.SCHEMA_VERSION);
        node.put("model_id", r.modelId());
        node.put("step", r.step());
        node.put("timestamp_ms", r.timestampMs());
        node.put("pairs_trained_total", r.pairsTrainedTotal());
        node.put("dead_letters_total", r.deadLettersTotal());
        node.put("tau", r.tau());
        node.put("batch_size", r.batchSize());
        node.put("bank_capacity", r.bankCapacity());
        for (Statistic s : Statistic.values()) {
            double v = r.get(s);
            if (Double.isFinite(v)) {
                node.put(s.field(), v);
            } else {
                node.putNull(s.field());
            }
        }
        ArrayNode pos = node.putArray(POSITIVE_HISTOGRAM);
        for (long c : r.positiveHistogram()) {
            pos.add(c);
        }
        ArrayNode neg = node.putArray(NEGATIVE_HISTOGRAM);
        for (long c : r.negativeHistogram()) {
            neg.add(c);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static MetricsRecord decode(byte[] json) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics record is not JSON", e);
        }
        Map<Statistic, Double> stats = new EnumMap<>(Statistic.class);
        for (Statistic s : Statistic.values()) {
            JsonNode v = n.get(s.field());
            stats.put(s, v == null || v.isNull() ? Double.NaN : v.doubleValue());
        }
        return new MetricsRecord(
                n.path("model_id").asText(),
                n.path("step").asLong(),
                n.path("timestamp_ms").asLong(),
                n.path("pairs_trained_total").asLong(),
                n.path("dead_letters_total").asLong(),
                n.path("tau").asDouble(),
                n.path("batch_size").asInt(),
                n.path("bank_capacity").asInt(),
                stats,
                counts(n.path(POSITIVE_HISTOGRAM)),
                counts(n.path(NEGATIVE_HISTOGRAM)));
    }

    private static long[] counts(JsonNode array) {
        long[] out = new long[MetricsRecord.HISTOGRAM_BINS];
        for (int i = 0; i < out.length && i < array.size(); i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
