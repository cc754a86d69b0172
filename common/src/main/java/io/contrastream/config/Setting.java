package io.contrastream.config;

import java.util.Locale;

/**
 * One configurable setting: its command-line flag, its environment variable, its default and
 * its help line. Every command declares its settings once, as constants, and everything else
 * (parsing, {@code --help}, the README's reference table) derives from them.
 *
 * @param name the flag without dashes, for example {@code batch-size}
 * @param defaultValue the value used when neither flag nor environment sets one; {@code null}
 *     for "unset"
 * @param help one line for {@code --help}
 * @param isSwitch whether the flag takes no value ({@code --quick} means true)
 */
public record Setting(String name, String defaultValue, String help, boolean isSwitch) {

    /** Prefix of every environment variable that sets a setting. */
    public static final String ENV_PREFIX = "CONTRASTREAM_";

    public static Setting of(String name, String defaultValue, String help) {
        return new Setting(name, defaultValue, help, false);
    }

    public static Setting optional(String name, String help) {
        return new Setting(name, null, help, false);
    }

    public static Setting ofSwitch(String name, String help) {
        return new Setting(name, "false", help, true);
    }

    public String flag() {
        return "--" + name;
    }

    /** {@code batch-size} is read from {@code CONTRASTREAM_BATCH_SIZE}. */
    public String envVar() {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
