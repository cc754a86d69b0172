package io.contrastream.service.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastream.codec.ImageLimits;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.metrics.MetricsServer;
import io.contrastream.service.topology.TestPairs;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.TestImages;
import io.contrastream.service.training.TestTrainers;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.Json;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding endpoint on a real HTTP server, against the trainer it serves. */
class EmbedHandlerTest {

    static final EncoderSpec SPEC = TestTrainers.SPEC;

    OnlineTrainer trainer;
    ServingEncoder serving;
    MetricsServer server;
    EmbedHandler handler;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        trainer = OnlineTrainer.create(TestTrainers.small(64, 3e-3));
        serving = new ServingEncoder(SPEC, trainer.device());
        serving.refreshFrom(trainer);
        startServer(HttpSettings.DEFAULT, ImageLimits.DEFAULT);
    }

    void startServer(HttpSettings settings, ImageLimits limits) throws Exception {
        if (server != null) {
            server.close();
        }
        handler = new EmbedHandler(serving, new PairDecoder(SPEC, limits), "m", settings);
        server = MetricsServer.start(new PrometheusRegistry(), "localhost", 0, handler);
    }

    @AfterEach
    void stop() {
        server.close();
        serving.close();
        trainer.close();
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    byte[] onePng() {
        return TestPairs.png(TestImages.batch(new Random(5), 1, 4, SPEC).view1(), SPEC);
    }

    @Test
    void anImageOverThePixelBudgetIsRefusedFromItsHeader() throws Exception {
        startServer(HttpSettings.DEFAULT, new ImageLimits(1 << 20, 4096, 15 * 15));
        HttpResponse<String> big = post("/embed", "image/png", onePng()); // 16 x 16 = 256 pixels
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(big.body()).get("error").asText()).isEqualTo("absurd_dimensions");
        assertThat(big.body()).contains("the budget is 225");
    }

    @Test
    void aConfiguredTokenIsRequired(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        startServer(new HttpSettings("localhost", token, 4), ImageLimits.DEFAULT);
        assertThat(post("/embed", "image/png", onePng()).statusCode()).isEqualTo(401);
        assertThat(post("/embed", "image/png", onePng(), "Authorization", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/embed", "image/png", onePng(), "Authorization", "Bearer s3cret")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("the scrape needs no token").isEqualTo(200);
    }

    @Test
    void requestsBeyondTheConcurrencyLimitGet503() throws Exception {
        startServer(new HttpSettings("localhost", null, 1), ImageLimits.DEFAULT);
        byte[] png = onePng();
        // A client that sends its headers and half its body holds the only slot while it dawdles.
        try (Socket slow = new Socket("localhost", server.port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /embed HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: "
                            + png.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(png, 0, png.length / 2);
            out.flush();
            // Not a race with the server's dispatch of the slow request: wait until it holds the slot.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (handler.freeSlots() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(handler.freeSlots())
                    .as("the slow request holds the only slot")
                    .isZero();
            HttpResponse<String> busy = post("/embed", "image/png", png);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Json.MAPPER.readTree(busy.body()).get("error").asText()).isEqualTo("busy");
            out.write(png, png.length / 2, png.length - png.length / 2);
            out.flush();
            String status = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
        assertThat(post("/embed", "image/png", png).statusCode())
                .as("the slot is free again")
                .isEqualTo(200);
    }

    @Test
    void anUnexpectedFailureIsA500WithAJsonBody() throws Exception {
        serving.close(); // the serving copy's arrays are gone: embedding throws
        HttpResponse<String> failed = post("/embed", "image/png", onePng());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(Json.MAPPER.readTree(failed.body()).get("error").asText()).isEqualTo("internal_error");
        serving = new ServingEncoder(SPEC, trainer.device()); // for stop()
    }

    static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void anImageGetsTheEmbeddingOfTheCurrentWeightsAndTheirVersion() throws Exception {
        Random rng = new Random(1);
        for (int i = 0; i < 3; i++) {
            trainer.step(TestImages.batch(rng, 8, 4, SPEC));
            serving.refreshFrom(trainer);
        }
        TrainingBatch one = TestImages.batch(new Random(2), 1, 4, SPEC);
        byte[] png = TestPairs.png(one.view1(), SPEC);
        HttpResponse<String> response = post("/embed", "image/png", png);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("model_version").asLong()).isEqualTo(3);
        assertThat(body.get("dim").asInt()).isEqualTo(32);
        // The PNG round trip quantises pixels to 8 bits, as any producer's images are.
        float[] expected = trainer.embed(new PairDecoder(SPEC, ImageLimits.DEFAULT).image(png), 1);
        assertThat(cosine(vector(body.get("embedding")), expected)).isGreaterThan(0.9999);

        String json = "{\"image\":\"" + Base64.getEncoder().encodeToString(png) + "\"}";
        JsonNode again = Json.MAPPER.readTree(
                post("/embed", "application/json", json.getBytes()).body());
        assertThat(vector(again.get("embedding"))).containsExactly(vector(body.get("embedding")), within(1e-6f));
    }

    @Test
    void aBatchEmbedsEveryImageInOrder() throws Exception {
        TrainingBatch three = TestImages.batch(new Random(3), 3, 4, SPEC);
        int n = SPEC.pixelsPerImage();
        StringBuilder json = new StringBuilder("{\"images\":[");
        for (int i = 0; i < 3; i++) {
            json.append(i > 0 ? "," : "")
                    .append('"')
                    .append(Base64.getEncoder()
                            .encodeToString(TestPairs.png(Arrays.copyOfRange(three.view1(), i * n, (i + 1) * n), SPEC)))
                    .append('"');
        }
        HttpResponse<String> response = post(
                "/embed/batch", "application/json", json.append("]}").toString().getBytes());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode embeddings = Json.MAPPER.readTree(response.body()).get("embeddings");
        assertThat(embeddings).hasSize(3);
        HttpResponse<String> single =
                post("/embed", "image/png", TestPairs.png(Arrays.copyOfRange(three.view1(), n, 2 * n), SPEC));
        assertThat(cosine(
                        vector(embeddings.get(1)),
                        vector(Json.MAPPER.readTree(single.body()).get("embedding"))))
                .isGreaterThan(0.9999);
    }

    @Test
    void badRequestsGetAReason() throws Exception {
        byte[] png = TestPairs.png(TestImages.batch(new Random(4), 1, 4, SPEC).view1(), SPEC);
        HttpResponse<String> corrupt = post("/embed", "image/png", Arrays.copyOf(png, png.length / 2));
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(corrupt.body()).get("error").asText()).isEqualTo("corrupt_image");

        HttpResponse<String> garbage = post("/embed", "application/octet-stream", "hello".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(garbage.body()).get("error").asText()).isEqualTo("unsupported_image_format");

        HttpResponse<String> badBatch = post(
                "/embed/batch",
                "application/json",
                ("{\"images\":[\"" + Base64.getEncoder().encodeToString(png) + "\",\"%%%\"]}").getBytes());
        assertThat(badBatch.statusCode()).isEqualTo(400);
        assertThat(badBatch.body()).contains("bad_base64", "images[1]");

        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/embed"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(post("/nope", "image/png", png).statusCode()).isEqualTo(404);
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }
}
