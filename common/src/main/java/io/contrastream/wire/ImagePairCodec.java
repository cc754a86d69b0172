package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
    /**
     * Largest label accepted. Labels index per-class arrays downstream (kNN votes, linear probe),
     * so the range is part of the wire format, not an implementation detail.
     */
    public static final int MAX_LABEL = 65_535;

    private ImagePairCodec() {}

    public static byte[] encode(ImagePair pair) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(VIEW1, Base64.getEncoder().encodeToString(pair.view1()));
        node.put(VIEW2, Base64.getEncoder().encodeToString(pair.view2()));
        if (pair.label() != null) {
            node.put(LABEL, pair.label());
        }
        if (pair.timestampMs() != null) {
            node.put(TIMESTAMP_MS, pair.timestampMs());
        }
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static ImagePair decode(byte[] value) throws WireFormatException {
        if (value == null || value.length == 0) {
            throw new WireFormatException(RejectReason.EMPTY_RECORD, "record value is empty");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new WireFormatException(RejectReason.NOT_JSON, "value is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new WireFormatException(RejectReason.NOT_JSON, "value is not a JSON object");
        }
        byte[] view1 = view(root, VIEW1);
        byte[] view2 = view(root, VIEW2);
        Integer label = null;
        JsonNode l = root.get(LABEL);
        if (l != null && !l.isNull()) {
            if (!l.isIntegralNumber() || !l.canConvertToInt()) {
                throw new WireFormatException(
                        RejectReason.BAD_FIELD, "label must be an integer, got " + abbreviate(l.toString()));
            }
            label = l.intValue();
            if (label < 0 || label > MAX_LABEL) {
                throw new WireFormatException(
                        RejectReason.BAD_FIELD, "label must be in [0, " + MAX_LABEL + "], got " + label);
            }
        }
        Long timestamp = null;
        JsonNode t = root.get(TIMESTAMP_MS);
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToLong()) {
                throw new WireFormatException(
                        RejectReason.BAD_FIELD, "timestamp_ms must be an integer, got " + abbreviate(t.toString()));
            }
            timestamp = t.longValue();
        }
        return new ImagePair(view1, view2, label, timestamp);
    }

    private static byte[] view(JsonNode root, String field) throws WireFormatException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' must be a base64 string");
        }
        if (node.textValue().isBlank()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' is empty");
        }
        try {
            return decodeBase64(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(
                    RejectReason.BAD_BASE64, "field '" + field + "' is not valid base64: " + e.getMessage());
        }
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int nl = message.indexOf('\n');
        return abbreviate(nl < 0 ? message : message.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
