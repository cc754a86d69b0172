package io.contrastream.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The input topic's value format, version 1 (schema: {@code schemas/image-pair.schema.json}):
 *
 * <pre>{"view1": "&lt;base64 PNG/JPEG&gt;", "view2": "&lt;base64&gt;", "label": 3, "timestamp_ms": 1700000000000}</pre>
 *
 * JSON with base64 images so that any client ({@code kcat}, Python, a shell script) can produce
 * pairs. Whitespace inside base64 is tolerated (the {@code base64} tool wraps lines); any other
 * non-alphabet character is an error. Unknown fields are ignored for forward compatibility.
 */
public final class ImagePairCodec {

    public static final String VIEW1 = "view1";
    public static final String VIEW2 = "view2";
    public static final String LABEL = "label";
    public static final String TIMESTAMP_MS = "timestamp_ms";
    /** Largest label accepted (see {@link JsonFields#MAX_LABEL}). */
    public static final int MAX_LABEL = JsonFields.MAX_LABEL;

    private ImagePairCodec() {}

    /** The pair as JSON, or in the binary form. */
    public static byte[] encode(ImagePair pair, PairFormat format) {
        return format == PairFormat.BINARY ? BinaryPairCodec.encode(pair) : encode(pair);
    }

    public static byte[] encode(ImagePair pair) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(VIEW1, JsonFields.base64(pair.view1()));
        node.put(VIEW2, JsonFields.base64(pair.view2()));
        if (pair.label() != null) {
            node.put(LABEL, pair.label());
        }
        if (pair.timestampMs() != null) {
            node.put(TIMESTAMP_MS, pair.timestampMs());
        }
        return JsonFields.toJson(node);
    }

    /** A value of the input topic, JSON or {@link BinaryPairCodec binary}. */
    public static ImagePair decode(byte[] value) throws WireFormatException {
        if (value != null && BinaryPairCodec.isBinary(value)) {
            return BinaryPairCodec.decode(value);
        }
        JsonNode root = JsonFields.object(value);
        byte[] view1 = JsonFields.imageField(root, VIEW1);
        byte[] view2 = JsonFields.imageField(root, VIEW2);
        Integer label = JsonFields.label(root, LABEL, false);
        Long timestamp = null;
        JsonNode t = root.get(TIMESTAMP_MS);
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToLong()) {
                throw new WireFormatException(
                        RejectReason.BAD_FIELD,
                        "timestamp_ms must be an integer, got " + JsonFields.abbreviate(t.toString()));
            }
            timestamp = t.longValue();
        }
        return new ImagePair(view1, view2, label, timestamp);
    }

    /**
     * Base64 as the wire format reads it: the standard alphabet, whitespace ignored (the
     * {@code base64} tool wraps lines), anything else refused.
     *
     * @throws IllegalArgumentException naming the offending character
     */
    public static byte[] decodeBase64(String text) {
        return Base64.getDecoder().decode(stripWhitespace(text));
    }

    private static String stripWhitespace(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
