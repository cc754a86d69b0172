package io.contrastream.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The values of a command's settings, resolved in the order flag, environment variable,
 * default. Flags of the form {@code --kafka.<property> value} and the file named by
 * {@code --kafka-config} pass Kafka client properties (security, SASL/SSL, tuning) through
 * untouched; flags win over the file.
 */
public final class Settings {

    /** Loads Kafka client properties from a file; shared by every command that talks to Kafka. */
    public static final Setting KAFKA_CONFIG = Setting.optional(
            "kafka-config",
            "properties file of Kafka client settings (security.protocol, sasl.*, ssl.*,"
                    + " ...) passed through; --kafka.<property> VALUE sets one directly");

    private static final String KAFKA_FLAG_PREFIX = "--kafka.";

    private final Map<String, String> values;
    private final Properties kafka;
    private final boolean helpRequested;

    private Settings(Map<String, String> values, Properties kafka, boolean helpRequested) {
        this.values = values;
        this.kafka = kafka;
        this.helpRequested = helpRequested;
    }

    /**
     * Resolves {@code known} from command-line arguments and the environment.
     *
     * @throws ConfigException for an unknown flag, a flag without its value, or an unreadable
     *     Kafka config file
     */
    public static Settings parse(List<Setting> known, String[] args, Map<String, String> env) {
        Map<String, Setting> byFlag = new LinkedHashMap<>();
        known.forEach(s -> byFlag.put(s.flag(), s));
        Map<String, String> fromFlags = new LinkedHashMap<>();
        Properties kafkaFlags = new Properties();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String flag = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (flag.startsWith(KAFKA_FLAG_PREFIX)) {
                String value = inlineValue != null ? inlineValue : valueAfter(args, i++, flag);
                kafkaFlags.setProperty(flag.substring(KAFKA_FLAG_PREFIX.length()), value);
                continue;
            }
            Setting setting = byFlag.get(flag);
            if (setting == null) {
                throw new ConfigException("unknown option '" + arg + "' (see --help)");
            }
            if (setting.isSwitch()) {
                fromFlags.put(setting.name(), inlineValue != null ? inlineValue : "true");
            } else {
                fromFlags.put(setting.name(), inlineValue != null ? inlineValue : valueAfter(args, i++, flag));
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Setting s : known) {
            String value = fromFlags.get(s.name());
            if (value == null) {
                value = env.get(s.envVar());
            }
            if (value == null) {
                value = s.defaultValue();
            }
            if (value != null) {
                resolved.put(s.name(), value);
            }
        }
        Properties kafka = new Properties();
        String kafkaFile = fromFlags.getOrDefault(KAFKA_CONFIG.name(), env.get(KAFKA_CONFIG.envVar()));
        if (kafkaFile != null && !kafkaFile.isBlank()) {
            kafka.putAll(readProperties(Path.of(kafkaFile)));
        }
        kafka.putAll(kafkaFlags);
        return new Settings(resolved, kafka, help);
    }

    private static String valueAfter(String[] args, int index, String flag) {
        if (index + 1 >= args.length) {
            throw new ConfigException(flag + " needs a value");
        }
        return args[index + 1];
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read Kafka config file " + file + ": " + e.getMessage());
        }
        return p;
    }

    /** A copy with one setting's value replaced, for commands that wire parts together. */
    public Settings with(Setting s, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(s.name(), value);
        return new Settings(copy, kafka, helpRequested);
    }

    /**
     * The flags that would reproduce these values: every known setting whose value is not its
     * default, whether it came from a flag or the environment (for records of how a result was
     * made).
     */
    public String asFlags(List<Setting> known) {
        StringBuilder b = new StringBuilder();
        for (Setting k : known) {
            String v = values.get(k.name());
            if (v != null && !v.equals(k.defaultValue())) {
                b.append(b.isEmpty() ? "" : " ").append(k.flag());
                if (!k.isSwitch()) {
                    b.append(' ').append(v.isEmpty() ? "''" : v);
                }
            }
        }
        return b.toString();
    }

    public boolean helpRequested() {
        return helpRequested;
    }

    /** Kafka client properties passed through by flags and the config file. */
    public Properties kafkaOverrides() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    public String string(Setting s) {
        String v = values.get(s.name());
        if (v == null) {
            throw new ConfigException(s.flag() + " is required (or set " + s.envVar() + ")");
        }
        return v;
    }

    /** The value, or {@code null} when an optional setting is unset or blank. */
    public String optionalString(Setting s) {
        String v = values.get(s.name());
        return v == null || v.isBlank() ? null : v;
    }

    public int integer(Setting s) {
        String v = string(s);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(s, v, "an integer");
        }
    }

    public long longValue(Setting s) {
        String v = string(s);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(s, v, "an integer");
        }
    }

    public double number(Setting s) {
        String v = string(s);
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw invalid(s, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw invalid(s, v, "a number");
        }
    }

    public boolean bool(Setting s) {
        String v = string(s).trim();
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw invalid(s, v, "true or false");
    }

    public Path path(Setting s) {
        return Path.of(string(s));
    }

    /** Parses the value as one of an enum's constants, case-insensitively, '-' for '_'. */
    public <E extends Enum<E>> E choice(Setting s, Class<E> type) {
        String v = string(s).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase().replace('_', '-'));
        }
        throw invalid(s, v, "one of " + names);
    }

    private static ConfigException invalid(Setting s, String value, String expected) {
        return new ConfigException(s.flag() + ": expected " + expected + ", got '" + value + "'");
    }

    /** Checks a condition on an already parsed value, with a message naming the flag. */
    public static void require(boolean condition, Setting s, String rule) {
        if (!condition) {
            throw new ConfigException(s.flag() + " " + rule);
        }
    }

    /** The {@code --help} text: usage, summary and one block per setting. */
    public static String help(String usage, String summary, List<Setting> known) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(usage).append("\n\n").append(summary).append("\n\nOptions:\n");
        for (Setting s : known) {
            sb.append("  ").append(s.flag());
            if (!s.isSwitch()) {
                sb.append(" VALUE");
            }
            sb.append("\n      ").append(s.help());
            if (s.defaultValue() != null && !s.isSwitch()) {
                sb.append(" (default: ")
                        .append(s.defaultValue().isEmpty() ? "\"\"" : s.defaultValue())
                        .append(')');
            }
            sb.append("\n      env: ").append(s.envVar()).append('\n');
        }
        sb.append("  --kafka.<property> VALUE\n      any Kafka client property, passed through\n");
        sb.append("  --help\n      this text\n");
        return sb.toString();
    }
}
