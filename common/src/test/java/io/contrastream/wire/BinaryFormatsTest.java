package io.contrastream.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The binary pair and embedding layouts: byte for byte as documented, and every way to break one. */
class BinaryFormatsTest {

    static final ImagePair PAIR = new ImagePair(new byte[] {1, 2, 3}, new byte[] {4, 5}, 7, 1_700_000_000_000L);

    @Test
    void aBinaryPairIsItsHeaderAndBothViewsAndDecodesAsTheJsonOne() throws Exception {
        byte[] value = ImagePairCodec.encode(PAIR, PairFormat.BINARY);
        assertThat(value).hasSize(24 + 3 + 2);
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOf(value, 4)).containsExactly('C', 'S', 'P', 1);
        assertThat(in.getInt(4)).isEqualTo(7);
        assertThat(in.getLong(8)).isEqualTo(1_700_000_000_000L);
        assertThat(in.getInt(16)).isEqualTo(3);
        assertThat(in.getInt(23)).isEqualTo(2);
        ImagePair back = ImagePairCodec.decode(value);
        assertThat(back.view1()).containsExactly(1, 2, 3);
        assertThat(back.view2()).containsExactly(4, 5);
        assertThat(back.label()).isEqualTo(7);
        assertThat(back.timestampMs()).isEqualTo(1_700_000_000_000L);
        ImagePair unlabelled = ImagePairCodec.decode(
                ImagePairCodec.encode(new ImagePair(PAIR.view1(), PAIR.view2(), null, null), PairFormat.BINARY));
        assertThat(unlabelled.label()).isNull();
        assertThat(unlabelled.timestampMs()).isNull();
    }

    @Test
    void everyBrokenBinaryPairIsRefusedWithItsReason() {
        byte[] good = ImagePairCodec.encode(PAIR, PairFormat.BINARY);
        byte[] version2 = good.clone();
        version2[3] = 2;
        byte[] overlong = good.clone();
        ByteBuffer.wrap(overlong).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Integer.MAX_VALUE);
        byte[] hugeUnsigned = good.clone();
        ByteBuffer.wrap(hugeUnsigned).order(ByteOrder.LITTLE_ENDIAN).putInt(16, -1);
        byte[] emptyView = ImagePairCodec.encode(new ImagePair(new byte[0], PAIR.view2(), 7, null), PairFormat.BINARY);
        byte[] badLabel = good.clone();
        ByteBuffer.wrap(badLabel).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 70_000);
        assertRefused(version2, RejectReason.BAD_BINARY_PAIR, "version 2");
        assertRefused(Arrays.copyOf(good, 10), RejectReason.BAD_BINARY_PAIR, "shorter than its 24-byte header");
        assertRefused(Arrays.copyOf(good, good.length - 1), RejectReason.BAD_BINARY_PAIR, "view2 claims 2 bytes");
        assertRefused(Arrays.copyOf(good, good.length + 5), RejectReason.BAD_BINARY_PAIR, "5 bytes after view2");
        assertRefused(overlong, RejectReason.BAD_BINARY_PAIR, "view1 claims 2147483647 bytes");
        assertRefused(hugeUnsigned, RejectReason.BAD_BINARY_PAIR, "view1 claims 4294967295 bytes");
        assertRefused(emptyView, RejectReason.MISSING_VIEW, "view1 is empty");
        assertRefused(badLabel, RejectReason.BAD_FIELD, "got 70000");
        assertRefused(new byte[] {'C', 'S', 'P'}, RejectReason.BAD_BINARY_PAIR, "version ?");
    }

    @Test
    void aBinaryEmbeddingIsItsHeaderIdsAndFloatsAndDecodesAsTheJsonOne() {
        EmbeddingRecord r = new EmbeddingRecord("model-é", 41, 1_700_000_000_123L, new float[] {0.6f, -0.8f, 0f});
        byte[] binary = EmbeddingCodec.encode("sample-7", r, EmbeddingFormat.BINARY);
        byte[] json = EmbeddingCodec.encode("sample-7", r, EmbeddingFormat.JSON);
        int model = "model-é".getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(binary).hasSize(24 + 8 + 2 + model + 3 * 4);
        ByteBuffer in = ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOf(binary, 4)).containsExactly('C', 'S', 'E', 1);
        assertThat(in.getShort(4)).isEqualTo((short) 3);
        assertThat(in.getLong(6)).isEqualTo(41);
        assertThat(in.getLong(14)).isEqualTo(1_700_000_000_123L);
        assertThat(in.getFloat(binary.length - 8)).isEqualTo(-0.8f);
        assertThat(EmbeddingCodec.sampleIdOf(binary)).isEqualTo("sample-7");
        for (byte[] value : new byte[][] {binary, json}) {
            EmbeddingRecord back = EmbeddingCodec.decode(value);
            assertThat(back.modelId()).isEqualTo("model-é");
            assertThat(back.modelVersion()).isEqualTo(41);
            assertThat(back.timestampMs()).isEqualTo(1_700_000_000_123L);
            assertThat(back.embedding()).containsExactly(0.6f, -0.8f, 0f);
        }
        assertThat(EmbeddingCodec.isBinary(json)).isFalse();
    }

    static void assertRefused(byte[] value, RejectReason reason, String message) {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> ImagePairCodec.decode(value));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(message);
    }
}
