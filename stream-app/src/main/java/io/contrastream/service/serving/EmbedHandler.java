package io.contrastream.service.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contrastream.codec.ImageDecodeException;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.ImagePairCodec;
import io.contrastream.wire.Json;
import io.contrastream.wire.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /embed} and {@code POST /embed/batch}: images in, embeddings of the current weights
 * out, as JSON. A single image is the request body itself (PNG or JPEG bytes) or
 * {@code {"image": "<base64>"}}; a batch is {@code {"images": ["<base64>", ...]}} (at most
 * {@link #MAX_BATCH}). A bad image gets 400 with its reason code and a sentence; a batch with one
 * bad image is refused whole, naming it. Images are checked against the pixel budget from their
 * header before decoding. At most {@link HttpSettings#maxConcurrentEmbeds()} requests are served
 * at once (503 with {@code Retry-After} beyond), a configured bearer token is required (401), and
 * anything unexpected is a 500 with a JSON body, never a dropped connection.
 */
public final class EmbedHandler implements HttpHandler {

    public static final int MAX_BATCH = 256;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EmbedHandler.class);

    private final ServingEncoder encoder;
    private final PairDecoder decoder;
    private final String modelId;
    private final Semaphore slots;
    private final byte[] expectedAuthorization;

    public EmbedHandler(ServingEncoder encoder, PairDecoder decoder, String modelId, HttpSettings settings)
            throws IOException {
        this.encoder = encoder;
        this.decoder = decoder;
        this.modelId = modelId;
        this.slots = new Semaphore(settings.maxConcurrentEmbeds());
        this.expectedAuthorization = settings.tokenFile() == null ? null : bearer(settings.tokenFile());
    }

    private static byte[] bearer(Path tokenFile) throws IOException {
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IOException("the token file " + tokenFile + " is empty");
        }
        return ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Embedding requests that could start now; for tests that must know a request holds a slot. */
    int freeSlots() {
        return slots.availablePermits();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                handleGuarded(exchange);
            } catch (RuntimeException e) {
                log.error(
                        "{} {} failed",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        e);
                respond(exchange, 500, error("internal_error", "the server failed on this request: " + e));
            }
        }
    }

    private void handleGuarded(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/embed") && !path.equals("/embed/batch")) {
            respond(exchange, 404, error("not_found", "no such endpoint: " + path + " (try POST /embed or /metrics)"));
            return;
        }
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            respond(exchange, 405, error("method_not_allowed", "use POST with an image"));
            return;
        }
        if (expectedAuthorization != null && !authorized(exchange)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            respond(exchange, 401, error("unauthorized", "send the token as 'Authorization: Bearer <token>'"));
            return;
        }
        if (!slots.tryAcquire()) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 503, error("busy", "too many embedding requests at once; retry shortly"));
            return;
        }
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, error("too_large", "request body over " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            if (path.equals("/embed")) {
                respond(exchange, 200, single(body, isJson(exchange)));
            } else {
                respond(exchange, 200, batch(body));
            }
        } catch (BadRequest e) {
            respond(exchange, 400, error(e.code, e.getMessage()));
        } finally {
            slots.release();
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null
                && MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private ObjectNode single(byte[] body, boolean json) throws BadRequest {
        byte[] image = json ? base64(field(parse(body), "image"), "image") : body;
        float[] pixels = pixels(image, "image");
        ServingEncoder.Embedded e = encoder.embed(pixels, 1);
        return EmbeddingCodec.toJson(
                new EmbeddingRecord(modelId, e.modelVersion(), System.currentTimeMillis(), e.embeddings()));
    }

    private ObjectNode batch(byte[] body) throws BadRequest {
        JsonNode images = parse(body).get("images");
        if (images == null || !images.isArray() || images.isEmpty()) {
            throw new BadRequest(RejectReason.MISSING_VIEW.code(), "expected {\"images\": [\"<base64>\", ...]}");
        }
        if (images.size() > MAX_BATCH) {
            throw new BadRequest("too_large", images.size() + " images; at most " + MAX_BATCH + " per request");
        }
        int pixels = encoder.spec().pixelsPerImage();
        float[] all = new float[images.size() * pixels];
        for (int i = 0; i < images.size(); i++) {
            String name = "images[" + i + "]";
            System.arraycopy(pixels(base64(images.get(i), name), name), 0, all, i * pixels, pixels);
        }
        ServingEncoder.Embedded e = encoder.embed(all, images.size());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model_id", modelId);
        out.put("model_version", e.modelVersion());
        out.put("timestamp_ms", System.currentTimeMillis());
        out.put("dim", e.dim());
        ArrayNode list = out.putArray("embeddings");
        for (int i = 0; i < images.size(); i++) {
            ArrayNode v = list.addArray();
            for (float f : Arrays.copyOfRange(e.embeddings(), i * e.dim(), (i + 1) * e.dim())) {
                v.add(f);
            }
        }
        return out;
    }

    private float[] pixels(byte[] image, String name) throws BadRequest {
        try {
            return decoder.image(image);
        } catch (ImageDecodeException e) {
            throw new BadRequest(e.reason().code(), name + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] body) throws BadRequest {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadRequest(RejectReason.NOT_JSON.code(), "body is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequest(RejectReason.NOT_JSON.code(), "body is not JSON");
        }
    }

    private static JsonNode field(JsonNode n, String name) throws BadRequest {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new BadRequest(RejectReason.MISSING_VIEW.code(), "field '" + name + "' must be a base64 string");
        }
        return v;
    }

    private static byte[] base64(JsonNode text, String name) throws BadRequest {
        if (text == null || !text.isTextual()) {
            throw new BadRequest(RejectReason.MISSING_VIEW.code(), name + " must be a base64 string");
        }
        try {
            return ImagePairCodec.decodeBase64(text.textValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(RejectReason.BAD_BASE64.code(), name + " is not valid base64");
        }
    }

    private static boolean isJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", code);
        n.put("message", message);
        return n;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request the handler refuses, with a reason code for the client. */
    private static final class BadRequest extends Exception {
        final String code;

        BadRequest(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
