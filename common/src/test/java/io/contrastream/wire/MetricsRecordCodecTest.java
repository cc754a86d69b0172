package io.contrastream.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsRecordCodecTest {

    static JsonSchema schema(String name) throws Exception {
        try (InputStream in = MetricsRecordCodecTest.class.getResourceAsStream("/schemas/" + name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    static MetricsRecord sample() {
        Map<Statistic, Double> stats = new EnumMap<>(Statistic.class);
        for (Statistic s : Statistic.values()) {
            stats.put(s, 0.5);
        }
        stats.put(Statistic.TOLERANCE, Double.NaN);
        long[] pos = new long[MetricsRecord.HISTOGRAM_BINS];
        pos[39] = 64;
        return new MetricsRecord(
                "m1",
                300,
                1_700_000_000_000L,
                19_200,
                3,
                0.2,
                64,
                4096,
                stats,
                pos,
                new long[MetricsRecord.HISTOGRAM_BINS]);
    }

    @Test
    void encodedRecordsMatchTheSchemaAndRoundTrip() throws Exception {
        byte[] json = MetricsRecordCodec.encode(sample());
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(schema("metrics-record.schema.json").validate(node)).isEmpty();
        assertThat(node.get("tolerance").isNull()).as("NaN is written as null").isTrue();

        MetricsRecord back = MetricsRecordCodec.decode(json);
        assertThat(back.step()).isEqualTo(300);
        assertThat(back.get(Statistic.UNIFORMITY)).isEqualTo(0.5);
        assertThat(back.get(Statistic.TOLERANCE)).isNaN();
        assertThat(back.positiveHistogram()[39]).isEqualTo(64);
    }

    @Test
    void schemaDocumentsEveryStatistic() throws Exception {
        JsonNode props = schema("metrics-record.schema.json").getSchemaNode().get("properties");
        for (Statistic s : Statistic.values()) {
            assertThat(props.has(s.field())).as(s.field()).isTrue();
        }
        assertThat(props.size()).isEqualTo(Statistic.values().length + 12);
    }

    @Test
    void driftEventsMatchTheirSchemaAndAreToldApartFromReports() throws Exception {
        DriftEvent e = new DriftEvent("m1", 120, 1_700_000_000_000L, "uniformity", "down", 1.2, 2.5, 5.3);
        byte[] json = MetricsTopicRecords.encodeDrift(e);
        assertThat(schema("drift-event.schema.json").validate(Json.MAPPER.readTree(json)))
                .isEmpty();
        assertThat(MetricsTopicRecords.typeOf(json)).isEqualTo(MetricsTopicRecords.DRIFT);
        assertThat(MetricsTopicRecords.decodeDrift(json)).isEqualTo(e);
        assertThat(MetricsTopicRecords.typeOf(MetricsRecordCodec.encode(sample())))
                .isEqualTo(MetricsTopicRecords.REPORT);
    }

    @Test
    void embeddingsMatchTheirSchemaAndRoundTrip() throws Exception {
        EmbeddingRecord r = new EmbeddingRecord("m1", 41, 1_700_000_000_000L, new float[] {0.6f, -0.8f});
        byte[] json = EmbeddingCodec.encode(r);
        assertThat(schema("embedding.schema.json").validate(Json.MAPPER.readTree(json)))
                .isEmpty();
        EmbeddingRecord back = EmbeddingCodec.decode(json);
        assertThat(back.modelVersion()).isEqualTo(41);
        assertThat(back.embedding()).containsExactly(0.6f, -0.8f);
    }

    @Test
    void encodedPairsMatchTheirSchema() throws Exception {
        byte[] json = ImagePairCodec.encode(new ImagePair(new byte[] {1}, new byte[] {2}, 3, null));
        assertThat(schema("image-pair.schema.json").validate(Json.MAPPER.readTree(json)))
                .isEmpty();
        JsonNode missing = Json.MAPPER.readTree("{\"view1\":\"AQ==\"}");
        assertThat(schema("image-pair.schema.json").validate(missing)).isNotEmpty();
    }

    @Test
    void encodedProbeImagesMatchTheirSchema() throws Exception {
        byte[] json = ProbeImageCodec.encode(
                new ProbeImage(ProbeRole.QUERY, 3, new byte[] {1}, java.util.List.of(new byte[] {2}, new byte[] {3})));
        assertThat(schema("probe-image.schema.json").validate(Json.MAPPER.readTree(json)))
                .isEmpty();
        JsonNode noRole = Json.MAPPER.readTree("{\"label\":1,\"image\":\"AQ==\"}");
        assertThat(schema("probe-image.schema.json").validate(noRole)).isNotEmpty();
    }
}
