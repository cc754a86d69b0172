package io.contrastream.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeImageCodecTest {

    @Test
    void roundTripsAQueryWithViewsAndAReferenceWithout() throws Exception {
        ProbeImage query =
                new ProbeImage(ProbeRole.QUERY, 7, new byte[] {1, 2}, List.of(new byte[] {3}, new byte[] {4}));
        ProbeImage back = ProbeImageCodec.decode(ProbeImageCodec.encode(query));
        assertThat(back.role()).isEqualTo(ProbeRole.QUERY);
        assertThat(back.label()).isEqualTo(7);
        assertThat(back.image()).containsExactly(1, 2);
        assertThat(back.views()).hasSize(2);
        assertThat(back.views().get(1)).containsExactly(4);

        ProbeImage reference = ProbeImageCodec.decode(
                ProbeImageCodec.encode(new ProbeImage(ProbeRole.REFERENCE, 0, new byte[] {9}, List.of())));
        assertThat(reference.role()).isEqualTo(ProbeRole.REFERENCE);
        assertThat(reference.views()).isEmpty();
        assertThat(new String(ProbeImageCodec.encode(reference), StandardCharsets.UTF_8))
                .doesNotContain("views");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|EMPTY_RECORD|empty",
                "[]|NOT_JSON|not a JSON object",
                "{\"label\":1,\"image\":\"AQ==\"}|BAD_FIELD|'role' is missing",
                "{\"role\":\"train\",\"label\":1,\"image\":\"AQ==\"}|BAD_FIELD|role must be",
                "{\"role\":\"query\",\"image\":\"AQ==\"}|BAD_FIELD|'label' is missing",
                "{\"role\":\"query\",\"label\":-1,\"image\":\"AQ==\"}|BAD_FIELD|label must be in",
                "{\"role\":\"query\",\"label\":1}|MISSING_VIEW|'image' is missing",
                "{\"role\":\"query\",\"label\":1,\"image\":\"!!\"}|BAD_BASE64|not valid base64",
                "{\"role\":\"query\",\"label\":1,\"image\":\"AQ==\",\"views\":[\"AQ==\"]}|BAD_FIELD|array of 2",
                "{\"role\":\"query\",\"label\":1,\"image\":\"AQ==\",\"views\":[\"AQ==\",7]}|MISSING_VIEW|views[1]",
                "{\"role\":\"reference\",\"label\":1,\"image\":\"AQ==\",\"views\":[\"AQ==\",\"AQ==\"]}|BAD_FIELD|only a query",
            })
    void refusesBadRecordsWithAReason(String json, RejectReason reason, String message) {
        WireFormatException e = catchThrowableOfType(
                () -> ProbeImageCodec.decode(json.getBytes(StandardCharsets.UTF_8)), WireFormatException.class);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(message);
    }
}
