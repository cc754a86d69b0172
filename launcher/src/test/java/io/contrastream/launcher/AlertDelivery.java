package io.contrastream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.contrastream.wire.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The alert path past Prometheus, for the monitoring IT: a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}) running the repository's configuration with the receiver's
 * URL pointed at a webhook inside the test and the grouping delays shortened, and that webhook,
 * which keeps every notification it gets.
 */
final class AlertDelivery implements AutoCloseable {

    /** The production configuration's webhook URL, replaced by the test's. */
    static final String CONFIGURED_WEBHOOK = "http://alert-receiver:9095/alerts";

    private final HttpServer webhook;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private Process alertmanager;
    private int port;

    private AlertDelivery() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            try (exchange) {
                notifications.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
    }

    static AlertDelivery start(Path dir) throws Exception {
        AlertDelivery delivery = new AlertDelivery();
        try (ServerSocket s = new ServerSocket(0)) {
            delivery.port = s.getLocalPort();
        }
        String config = Files.readString(PrometheusIT.ROOT.resolve("monitoring/alertmanager/alertmanager.yml"))
                .replace(
                        CONFIGURED_WEBHOOK,
                        "http://127.0.0.1:" + delivery.webhook.getAddress().getPort() + "/alerts")
                .replaceAll("group_wait: \\S+", "group_wait: 1s")
                .replaceAll("group_interval: \\S+", "group_interval: 1s");
        Path file = Files.writeString(dir.resolve("alertmanager.yml"), config);
        delivery.alertmanager = new ProcessBuilder(
                        "prometheus-alertmanager",
                        "--config.file=" + file,
                        "--storage.path=" + dir.resolve("alertmanager-data"),
                        "--web.listen-address=127.0.0.1:" + delivery.port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        PrometheusIT.awaitTrue(
                () -> KafkaTestSupport.ready(delivery.port),
                Duration.ofSeconds(60),
                "Alertmanager to start (see " + dir.resolve("alertmanager.log") + ")");
        return delivery;
    }

    int port() {
        return port;
    }

    /** The alerts (status firing) of every notification so far with this alert name. */
    List<JsonNode> firing(String alertname) {
        List<JsonNode> out = new CopyOnWriteArrayList<>();
        for (JsonNode n : notifications) {
            for (JsonNode a : n.path("alerts")) {
                if (a.path("status").asText().equals("firing")
                        && a.at("/labels/alertname").asText().equals(alertname)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Notifications (webhook posts) so far that carry a firing alert of this name. */
    long notificationsFiring(String alertname) {
        return notifications.stream()
                .filter(n -> n.path("status").asText().equals("firing"))
                .filter(n -> n.at("/groupLabels/alertname").asText().equals(alertname))
                .count();
    }

    @Override
    public void close() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
        webhook.stop(0);
    }
}
