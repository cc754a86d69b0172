package io.contrastream.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePairCodecTest {

    @Test
    void roundTripsViewsLabelAndTimestamp() throws Exception {
        ImagePair pair = new ImagePair(new byte[] {1, 2, 3}, new byte[] {4, 5}, 7, 1_700_000_000_000L);
        ImagePair back = ImagePairCodec.decode(ImagePairCodec.encode(pair));
        assertThat(back.view1()).containsExactly(1, 2, 3);
        assertThat(back.view2()).containsExactly(4, 5);
        assertThat(back.label()).isEqualTo(7);
        assertThat(back.timestampMs()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void labelAndTimestampAreOptionalAndWrappedBase64IsAccepted() throws Exception {
        String json = "{\"view1\":\"AQID\\n\",\"view2\":\"BA U=\",\"label\":null,\"extra\":true}";
        ImagePair pair = ImagePairCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(pair.view1()).containsExactly(1, 2, 3);
        assertThat(pair.view2()).containsExactly(4, 5);
        assertThat(pair.label()).isNull();
        assertThat(pair.timestampMs()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|EMPTY_RECORD|empty",
                "hello world|NOT_JSON|not JSON",
                "[1,2]|NOT_JSON|not a JSON object",
                "{\"view1\":\"AQID\"}|MISSING_VIEW|'view2' is missing",
                "{\"view1\":\"AQID\",\"view2\":42}|MISSING_VIEW|must be a base64 string",
                "{\"view1\":\"\",\"view2\":\"AQID\"}|MISSING_VIEW|'view1' is empty",
                "{\"view1\":\"AQ*D\",\"view2\":\"AQID\"}|BAD_BASE64|not valid base64",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":\"cat\"}|BAD_FIELD|label must be an integer",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":1.5}|BAD_FIELD|label must be an integer",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":2147483647}|BAD_FIELD|label must be in [0, 65535]",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":65536}|BAD_FIELD|label must be in [0, 65535]",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":-1}|BAD_FIELD|label must be in [0, 65535]",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"label\":2000000000000}|BAD_FIELD|label must be an integer",
                "{\"view1\":\"AQID\",\"view2\":\"AQID\",\"timestamp_ms\":\"x\"}|BAD_FIELD|timestamp_ms",
                "{\"view1\":\"AQID\",|NOT_JSON|not JSON",
            })
    void rejectsUglyInputWithAReason(String value, RejectReason reason, String message) {
        WireFormatException e = catchThrowableOfType(
                WireFormatException.class, () -> ImagePairCodec.decode(value.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(message);
    }
}
