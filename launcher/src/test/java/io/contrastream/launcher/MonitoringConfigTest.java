package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastream.testing.ExternalTools;
import io.contrastream.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files, checked by their own tools: promtool for the alert rules and their unit
 * tests, docker-compose for the stack, and the dashboard's wiring to its datasource. The tools
 * come from Debian's prometheus and docker-compose packages (.ci/run installs them).
 */
class MonitoringConfigTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path RULES = ROOT.resolve("monitoring/prometheus/rules");

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void alertRulesAreValid() throws Exception {
        ExternalTools.requireProgram("promtool", "prometheus");
        assertThat(run(RULES, "promtool", "check", "rules", "contrastream-alerts.yml"))
                .contains("SUCCESS: 12 rules found");
    }

    @Test
    void everyAlertHasFiringAndQuietCasesThatPass() throws Exception {
        ExternalTools.requireProgram("promtool", "prometheus");
        assertThat(run(RULES, "promtool", "test", "rules", "contrastream-alerts.test.yml"))
                .contains("SUCCESS");
        String rules = Files.readString(RULES.resolve("contrastream-alerts.yml"));
        String tests = Files.readString(RULES.resolve("contrastream-alerts.test.yml"));
        for (String alert : alertNames(rules)) {
            assertThat(tests)
                    .as(alert + " is tested firing")
                    .containsPattern("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
            assertThat(tests)
                    .as(alert + " is tested quiet")
                    .containsPattern("alertname: " + alert + "\\s+exp_alerts: \\[\\]");
        }
    }

    @Test
    void alertmanagerConfigIsValid() throws Exception {
        ExternalTools.requireProgram("amtool", "prometheus-alertmanager");
        assertThat(run(ROOT.resolve("monitoring/alertmanager"), "amtool", "check-config", "alertmanager.yml"))
                .contains("SUCCESS");
    }

    @Test
    void composeFileIsValid() throws Exception {
        ExternalTools.requireProgram("docker-compose", "docker-compose");
        run(ROOT, "docker-compose", "config", "-q");
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose)
                .contains(
                        "stream-app/Dockerfile",
                        "producer/Dockerfile",
                        "apache/kafka",
                        "prom/prometheus",
                        "prom/alertmanager",
                        "grafana/grafana");
        assertThat(Files.readString(ROOT.resolve("monitoring/prometheus/prometheus.yml")))
                .as("Prometheus sends alerts to the stack's Alertmanager")
                .contains("alertmanager:9093");
    }

    @Test
    void eachImageRunsTheEntryPointOfItsOwnModule() throws Exception {
        for (String module : List.of("stream-app", "producer")) {
            String dockerfile = Files.readString(ROOT.resolve(module).resolve("Dockerfile"));
            java.util.regex.Matcher main = java.util.regex.Pattern.compile("io\\.contrastream\\.[\\w.]+Main")
                    .matcher(dockerfile);
            assertThat(main.find())
                    .as(module + "/Dockerfile names a main class")
                    .isTrue();
            Path source = ROOT.resolve(module)
                    .resolve("src/main/java")
                    .resolve(main.group().replace('.', '/') + ".java");
            assertThat(source).as("the image's entry point lives in " + module).exists();
            assertThat(dockerfile)
                    .as(module + " image ships its module, not the launcher")
                    .contains("/src/" + module + "/target/classes")
                    .doesNotContain("launcher/target");
        }
    }

    @Test
    void dashboardPanelsUseTheProvisionedDatasourceAndTheModelVariable() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(
                ROOT.resolve("monitoring/grafana/dashboards/contrastream.json").toFile());
        String datasources =
                Files.readString(ROOT.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(dashboard.get("uid").asText()).isEqualTo("contrastream-overview");
        assertThat(datasources).contains("uid: contrastream-prometheus");
        List<String> exprs = PrometheusIT.panelQueries(dashboard);
        assertThat(exprs).hasSizeGreaterThan(20);
        for (JsonNode panel : dashboard.get("panels")) {
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("contrastream-prometheus");
            }
        }
        assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("model");
    }

    static List<String> alertNames(String rules) {
        List<String> names = new ArrayList<>();
        for (String line : rules.split("\n")) {
            String t = line.trim();
            if (t.startsWith("- alert: ")) {
                names.add(t.substring("- alert: ".length()));
            }
        }
        return names;
    }
}
