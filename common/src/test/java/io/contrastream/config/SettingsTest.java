package io.contrastream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    static final Setting TAU = Setting.of("tau", "0.2", "temperature");
    static final Setting BATCH = Setting.of("batch-size", "64", "pairs per step");
    static final Setting QUICK = Setting.ofSwitch("quick", "fast mode");
    static final Setting OUT = Setting.optional("out", "output dir");
    static final List<Setting> ALL = List.of(TAU, BATCH, QUICK, OUT, Settings.KAFKA_CONFIG);

    @Test
    void flagBeatsEnvironmentWhichBeatsDefault() {
        Settings s = Settings.parse(
                ALL, new String[] {"--tau", "0.5"}, Map.of("CONTRASTREAM_TAU", "0.9", "CONTRASTREAM_BATCH_SIZE", "32"));
        assertThat(s.number(TAU)).isEqualTo(0.5);
        assertThat(s.integer(BATCH)).isEqualTo(32);
        assertThat(s.bool(QUICK)).isFalse();
        assertThat(s.optionalString(OUT)).isNull();
    }

    @Test
    void inlineValuesSwitchesAndKafkaPassThrough(@TempDir Path dir) throws Exception {
        Path props = dir.resolve("client.properties");
        Files.writeString(props, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        Settings s = Settings.parse(
                ALL,
                new String[] {
                    "--batch-size=16",
                    "--quick",
                    "--kafka.sasl.mechanism",
                    "SCRAM-SHA-512",
                    "--kafka-config",
                    props.toString()
                },
                Map.of());
        assertThat(s.integer(BATCH)).isEqualTo(16);
        assertThat(s.bool(QUICK)).isTrue();
        assertThat(s.kafkaOverrides())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void badInputGetsMessagesThatNameTheFlag() {
        assertThatThrownBy(() -> Settings.parse(ALL, new String[] {"--taux", "1"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown option '--taux'");
        assertThatThrownBy(() -> Settings.parse(ALL, new String[] {"--tau"}, Map.of()))
                .hasMessageContaining("--tau needs a value");
        Settings s = Settings.parse(ALL, new String[] {"--tau", "warm"}, Map.of());
        assertThatThrownBy(() -> s.number(TAU)).hasMessage("--tau: expected a number, got 'warm'");
    }

    @Test
    void helpListsEveryFlagWithItsEnvironmentVariableAndDefault() {
        String help = Settings.help("contrastream train [options]", "Trains.", ALL);
        assertThat(help)
                .contains("--batch-size VALUE", "CONTRASTREAM_BATCH_SIZE", "(default: 64)", "--quick\n")
                .contains("--kafka.<property>");
        assertThat(Settings.parse(ALL, new String[] {"--help"}, Map.of()).helpRequested())
                .isTrue();
    }

    @Test
    void asFlagsNamesWhatDiffersFromTheDefaultsWhereverItCameFrom() {
        Settings s = Settings.parse(
                ALL,
                new String[] {"--quick", "--tau", "0.2", "--out", "runs"},
                Map.of("CONTRASTREAM_BATCH_SIZE", "128"));
        assertThat(s.asFlags(ALL)).isEqualTo("--batch-size 128 --quick --out runs");
        assertThat(Settings.parse(ALL, new String[0], Map.of()).asFlags(ALL)).isEmpty();
        assertThat(s.with(OUT, "").asFlags(ALL)).isEqualTo("--batch-size 128 --quick --out ''");
    }
}
