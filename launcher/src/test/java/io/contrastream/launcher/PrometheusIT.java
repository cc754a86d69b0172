package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.dataset.Datasets;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.session.SessionListener;
import io.contrastream.testing.ExternalTools;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.Json;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.MetricsTopicRecords;
import io.contrastream.wire.Statistic;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring story against real parts: the service on the embedded broker, a real Prometheus
 * server (Debian's {@code prometheus}) scraping it with the alert rules loaded, and a real
 * Alertmanager delivering to a webhook inside the test. Every dashboard panel's query must return
 * data and every alert expression must evaluate; a steady stream raises no drift and notifies no
 * one; a stream whose content changes mid-way raises a drift event on the metrics topic, fires a
 * drift alert and delivers exactly one notification with the model, severity, runbook and
 * dashboard link; a stopped service delivers the service-down alert.
 */
class PrometheusIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final int BATCH = 32;
    static final String UNIFORMITY_DRIFT = "ContrastreamUniformityDrift";
    static final String TOLERANCE_DRIFT = "ContrastreamToleranceDrift";

    @TempDir
    Path tmp;

    @Test
    void dashboardsHaveDataAlertsEvaluateAndAContentChangeFiresTheDriftAlert() throws Exception {
        ExternalTools.requireProgram("prometheus", "prometheus");
        ExternalTools.requireProgram("prometheus-alertmanager", "prometheus-alertmanager");
        List<DriftEvent> drifts = new CopyOnWriteArrayList<>();
        List<MetricsRecord> reports = new CopyOnWriteArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            kafka.createTopics(1, List.of("image-pairs", "contrastive-metrics", "image-pairs-dlq"));
            ServiceConfig config = ServiceConfig.parse(
                    new String[] {
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--batch-size",
                        "" + BATCH,
                        "--report-every",
                        "5",
                        "--queue-size",
                        "256",
                        "--window-size",
                        "256",
                        "--knn-every",
                        "20",
                        "--checkpoint-dir",
                        "",
                        "--metrics-port",
                        "0",
                        "--model-id",
                        "it",
                        "--device",
                        "cpu"
                    },
                    Map.of());
            SessionListener listener = new SessionListener() {
                @Override
                public void onReport(MetricsRecord record) {
                    reports.add(record);
                }

                @Override
                public void onDrift(DriftEvent event) {
                    drifts.add(event);
                }
            };
            try (AlertDelivery alerts = AlertDelivery.start(tmp);
                    ContrastreamService service = ContrastreamService.start(config, listener);
                    Prometheus prometheus = Prometheus.start(tmp, service.metricsPort(), alerts.port())) {
                int metricsPort = service.metricsPort();
                // Phase 1, steady: one dataset until well past the drift detector's warm-up (the
                // bank is full after 8 steps, then 20 reports of 5 steps), and 100 steps more.
                boolean fashion = Datasets.fashionMnistInstalled(null);
                produce(kafka, fashion ? "fashion-mnist" : "synthetic", 220 * BATCH, "0.2");
                awaitTrue(() -> reports.size() >= 40, Duration.ofMinutes(5), "40 reports of the steady phase");
                awaitIdle(reports);
                long switchStep = reports.get(reports.size() - 1).step();
                assertThat(drifts).as("drift events during a steady stream").isEmpty();
                prometheus.awaitScrapes(3);
                assertThat(prometheus.query("ALERTS{alertname=~\"Contrastream.*Drift\",alertstate=\"firing\"}"))
                        .isEmpty();
                assertThat(alerts.firing(UNIFORMITY_DRIFT))
                        .as("drift notifications of a steady stream")
                        .isEmpty();
                assertThat(alerts.firing(TOLERANCE_DRIFT))
                        .as("drift notifications of a steady stream")
                        .isEmpty();

                // Phase 2: the content changes: another dataset (or, without Fashion-MNIST, crops
                // four times as aggressive).
                produce(kafka, "synthetic", 80 * BATCH, fashion ? "0.2" : "0.05");
                awaitTrue(
                        () -> !drifts.isEmpty(),
                        Duration.ofMinutes(4),
                        () -> "a drift event after the content changed at step " + switchStep + "; reports: "
                                + trace(reports));
                DriftEvent drift = drifts.get(0);
                assertThat(drift.step()).isGreaterThan(switchStep);
                assertThat(drift.cusum()).isGreaterThan(config.session().drift().threshold());

                String alert =
                        "ALERTS{alertname=~\"Contrastream(Uniformity|Tolerance)Drift\",alertstate=\"firing\",model=\"it\"}";
                awaitTrue(() -> !prometheus.query(alert).isEmpty(), Duration.ofSeconds(60), "a firing drift alert");

                // ... which reaches a person: Alertmanager delivers it to the webhook, once.
                awaitTrue(
                        () -> !alerts.firing(UNIFORMITY_DRIFT).isEmpty()
                                || !alerts.firing(TOLERANCE_DRIFT).isEmpty(),
                        Duration.ofSeconds(60),
                        "a drift notification on the webhook");
                String delivered = alerts.firing(UNIFORMITY_DRIFT).isEmpty() ? TOLERANCE_DRIFT : UNIFORMITY_DRIFT;
                JsonNode notified = alerts.firing(delivered).get(0);
                assertThat(notified.at("/labels/model").asText()).isEqualTo("it");
                assertThat(notified.at("/labels/severity").asText()).isEqualTo("warning");
                assertThat(notified.at("/annotations/summary").asText()).contains("model it", "drift event");
                assertThat(notified.at("/annotations/runbook").asText()).isNotBlank();
                assertThat(notified.at("/annotations/dashboard").asText()).contains("var-model=it");
                Thread.sleep(5000); // more evaluations, the same alert: no second notification
                assertThat(alerts.notificationsFiring(delivered))
                        .as("notifications of " + delivered)
                        .isEqualTo(1);

                for (String expr : panelQueries(
                        Json.MAPPER.readTree(ROOT.resolve("monitoring/grafana/dashboards/contrastream.json")
                                .toFile()))) {
                    String q = expr.replace("$model", ".*").replace("$instance", ".*");
                    assertThat(prometheus.query(q))
                            .as("dashboard query returns data: " + q)
                            .isNotEmpty();
                }
                for (String expr : alertExpressions()) {
                    prometheus.query(expr); // throws unless Prometheus evaluates it
                }

                // A stopped service pages too. (Its absent() branch may have paged already, without
                // an instance, if Prometheus evaluated the rule for 5 s before its first scrape.)
                service.close();
                String instance = "localhost:" + metricsPort;
                awaitTrue(
                        () -> alerts.firing("ContrastreamServiceDown").stream()
                                .anyMatch(a -> a.at("/labels/instance").asText().equals(instance)),
                        Duration.ofSeconds(90),
                        "a service-down notification for " + instance + " on the webhook");
                JsonNode down = alerts.firing("ContrastreamServiceDown").stream()
                        .filter(a -> a.at("/labels/instance").asText().equals(instance))
                        .findFirst()
                        .orElseThrow();
                assertThat(down.at("/labels/severity").asText()).isEqualTo("critical");
            }
            List<ConsumerRecord<byte[], byte[]>> onTopic =
                    KafkaTestSupport.readAll(kafka.bootstrapServers(), "contrastive-metrics", reports.size() + 1);
            long driftRecords = onTopic.stream()
                    .filter(r -> MetricsTopicRecords.DRIFT.equals(MetricsTopicRecords.typeOf(r.value())))
                    .count();
            assertThat(driftRecords).as("drift events on the metrics topic").isEqualTo(drifts.size());
            DriftEvent published = onTopic.stream()
                    .filter(r -> MetricsTopicRecords.DRIFT.equals(MetricsTopicRecords.typeOf(r.value())))
                    .map(r -> MetricsTopicRecords.decodeDrift(r.value()))
                    .findFirst()
                    .orElseThrow();
            assertThat(published).isEqualTo(drifts.get(0));
        }
    }

    /** Publishes pairs synchronously. */
    static void produce(EmbeddedKafka kafka, String dataset, int pairs, String cropScaleMin) {
        ProducerApp.run(
                PublisherConfig.parse(
                        new String[] {
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--dataset",
                            dataset,
                            "--epochs",
                            "0",
                            "--limit",
                            "" + pairs,
                            "--progress",
                            "false",
                            "--crop-scale-min",
                            cropScaleMin
                        },
                        Map.of()),
                () -> false,
                null,
                s -> false);
    }

    /** Waits until no report has come for a few seconds: the stream is drained. */
    static void awaitIdle(List<MetricsRecord> reports) throws InterruptedException {
        int seen = -1;
        while (seen != reports.size()) {
            seen = reports.size();
            Thread.sleep(4000);
        }
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        awaitTrue(condition, timeout, () -> what);
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(500);
        }
    }

    /** Step, uniformity, tolerance and their CUSUM statistics of each report, for failure messages. */
    static String trace(List<MetricsRecord> reports) {
        StringBuilder sb = new StringBuilder();
        for (MetricsRecord r : reports) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%n  step %d uniformity %.3f (cusum %.2f) tolerance %.3f (cusum %.2f)",
                    r.step(),
                    r.get(Statistic.UNIFORMITY),
                    r.get(Statistic.UNIFORMITY_DRIFT),
                    r.get(Statistic.TOLERANCE),
                    r.get(Statistic.TOLERANCE_DRIFT)));
        }
        return sb.toString();
    }

    /** Every target expression of every panel of a Grafana dashboard. */
    static List<String> panelQueries(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.get("expr").asText());
            }
        }
        return out;
    }

    static List<String> alertExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("monitoring/prometheus/rules/contrastream-alerts.yml")
                        .toFile());
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                out.add(rule.get("expr").asText());
            }
        }
        return out;
    }

    /** A real Prometheus server scraping the service every second, with the alert rules. */
    static final class Prometheus implements AutoCloseable {

        private final Process process;
        private final int port;
        private final HttpClient http = HttpClient.newHttpClient();

        private Prometheus(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /**
         * Scrapes the target every second and evaluates the alert rules every second, sending
         * alerts to the Alertmanager at {@code alertmanagerPort}; the rules are the repository's,
         * with the service-down alert's 2 minutes shortened to 5 seconds.
         */
        static Prometheus start(Path dir, int targetPort, int alertmanagerPort) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "global:",
                            "  scrape_interval: 1s",
                            "  evaluation_interval: 1s",
                            "alerting:",
                            "  alertmanagers:",
                            "    - static_configs:",
                            "        - targets: ['127.0.0.1:" + alertmanagerPort + "']",
                            "rule_files:",
                            "  - " + rulesWithShortServiceDown(dir),
                            "scrape_configs:",
                            "  - job_name: contrastream",
                            "    static_configs:",
                            "      - targets: ['localhost:" + targetPort + "']",
                            ""));
            Process p = new ProcessBuilder(
                            "prometheus",
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            Prometheus prometheus = new Prometheus(p, port);
            awaitTrue(
                    () -> KafkaTestSupport.ready(prometheus.port),
                    Duration.ofSeconds(60),
                    "Prometheus to start (see " + dir.resolve("prometheus.log") + ")");
            return prometheus;
        }

        static Path rulesWithShortServiceDown(Path dir) throws IOException {
            String rules = Files.readString(ROOT.resolve("monitoring/prometheus/rules/contrastream-alerts.yml"));
            int at = rules.indexOf("alert: ContrastreamServiceDown");
            int forAt = rules.indexOf("for: 2m", at);
            String shortened = rules.substring(0, forAt) + "for: 5s" + rules.substring(forAt + "for: 2m".length());
            return Files.writeString(dir.resolve("contrastream-alerts.yml"), shortened);
        }

        void awaitScrapes(int samples) throws InterruptedException {
            awaitTrue(
                    () -> !query("count_over_time(up{job=\"contrastream\"}[1m]) >= " + samples)
                            .isEmpty(),
                    Duration.ofSeconds(60),
                    samples + " scrapes");
        }

        /** Instant query; the result vector (throws if Prometheus reports an error). */
        JsonNode query(String promql) {
            try {
                String url = "http://127.0.0.1:" + port + "/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8);
                JsonNode body = Json.MAPPER.readTree(
                        http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                                .body());
                assertThat(body.path("status").asText())
                        .as(promql + ": " + body)
                        .isEqualTo("success");
                return body.at("/data/result");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
