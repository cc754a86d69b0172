package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import java.util.List;

/** A sub-command of {@code ./contrastream}. */
interface Command {

    String name();

    /** One paragraph for {@code --help}. */
    String summary();

    List<Setting> settings();

    /** Runs to completion; the return value is the process exit code. */
    int run(Settings settings, Shutdown shutdown) throws Exception;
}
