package io.contrastream.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;

/**
 * Reading and writing the fields the JSON wire formats share (base64 images, labels), with one
 * wording of every error, so that a bad record is refused the same way on every topic.
 */
final class JsonFields {

    /**
     * Largest label accepted. Labels index per-class arrays downstream (kNN votes, linear probe),
     * so the range is part of the wire format, not an implementation detail.
     */
    static final int MAX_LABEL = 65_535;

    private JsonFields() {}

    /** The record value as a JSON object. */
    static JsonNode object(byte[] value) throws WireFormatException {
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
        return root;
    }

    static byte[] toJson(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A required image field of {@code root}: a non-empty base64 string. */
    static byte[] imageField(JsonNode root, String field) throws WireFormatException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' is missing");
        }
        return image(node, field);
    }

    /** An image given as {@code node}, named {@code field} in errors. */
    static byte[] image(JsonNode node, String field) throws WireFormatException {
        if (!node.isTextual()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' must be a base64 string");
        }
        if (node.textValue().isBlank()) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, "field '" + field + "' is empty");
        }
        try {
            return ImagePairCodec.decodeBase64(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(
                    RejectReason.BAD_BASE64, "field '" + field + "' is not valid base64: " + e.getMessage());
        }
    }

    /** The label in [0, {@link #MAX_LABEL}], or null when absent and not required. */
    static Integer label(JsonNode root, String field, boolean required) throws WireFormatException {
        JsonNode l = root.get(field);
        if (l == null || l.isNull()) {
            if (required) {
                throw new WireFormatException(RejectReason.BAD_FIELD, "field '" + field + "' is missing");
            }
            return null;
        }
        if (!l.isIntegralNumber() || !l.canConvertToInt()) {
            throw new WireFormatException(
                    RejectReason.BAD_FIELD, field + " must be an integer, got " + abbreviate(l.toString()));
        }
        int label = l.intValue();
        if (label < 0 || label > MAX_LABEL) {
            throw new WireFormatException(
                    RejectReason.BAD_FIELD, field + " must be in [0, " + MAX_LABEL + "], got " + label);
        }
        return label;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int nl = message.indexOf('\n');
        return abbreviate(nl < 0 ? message : message.substring(0, nl));
    }
}
