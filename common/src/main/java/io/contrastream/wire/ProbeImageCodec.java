package io.contrastream.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe topic's value format, version 1 (schema: {@code schemas/probe-image.schema.json}):
 *
 * <pre>{"role": "query", "label": 3, "image": "&lt;base64 PNG/JPEG&gt;", "views": ["&lt;base64&gt;", "&lt;base64&gt;"]}</pre>
 *
 * Base64 and labels read as on the input topic ({@link ImagePairCodec}); unknown fields are
 * ignored.
 */
public final class ProbeImageCodec {

    public static final String ROLE = "role";
    public static final String LABEL = "label";
    public static final String IMAGE = "image";
    public static final String VIEWS = "views";
    /** Views a query carries for alignment, when it carries any. */
    public static final int VIEW_COUNT = 2;

    private ProbeImageCodec() {}

    public static byte[] encode(ProbeImage probe) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put(ROLE, probe.role().code());
        node.put(LABEL, probe.label());
        node.put(IMAGE, JsonFields.base64(probe.image()));
        if (!probe.views().isEmpty()) {
            ArrayNode views = node.putArray(VIEWS);
            probe.views().forEach(v -> views.add(JsonFields.base64(v)));
        }
        return JsonFields.toJson(node);
    }

    public static ProbeImage decode(byte[] value) throws WireFormatException {
        JsonNode root = JsonFields.object(value);
        ProbeRole role = role(root.get(ROLE));
        int label = JsonFields.label(root, LABEL, true);
        byte[] image = JsonFields.imageField(root, IMAGE);
        List<byte[]> views = new ArrayList<>();
        JsonNode v = root.get(VIEWS);
        if (v != null && !v.isNull()) {
            if (!v.isArray() || v.size() != VIEW_COUNT) {
                throw new WireFormatException(
                        RejectReason.BAD_FIELD, "views must be an array of " + VIEW_COUNT + " base64 images");
            }
            if (role != ProbeRole.QUERY) {
                throw new WireFormatException(RejectReason.BAD_FIELD, "only a query carries views");
            }
            for (int i = 0; i < v.size(); i++) {
                views.add(JsonFields.image(v.get(i), VIEWS + "[" + i + "]"));
            }
        }
        return new ProbeImage(role, label, image, views);
    }

    private static ProbeRole role(JsonNode node) throws WireFormatException {
        if (node == null || node.isNull()) {
            throw new WireFormatException(RejectReason.BAD_FIELD, "field 'role' is missing");
        }
        for (ProbeRole r : ProbeRole.values()) {
            if (node.isTextual() && r.code().equals(node.textValue())) {
                return r;
            }
        }
        throw new WireFormatException(
                RejectReason.BAD_FIELD,
                "role must be \"reference\" or \"query\", got " + JsonFields.abbreviate(node.toString()));
    }
}
