package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.launcher.console.LiveLine;
import io.contrastream.launcher.console.RunSummary;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.ServiceMain;
import java.util.List;

/** {@code contrastream train}: the service against any Kafka cluster, with a console line per report. */
final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return ServiceMain.SUMMARY;
    }

    @Override
    public List<Setting> settings() {
        return ServiceMain.SETTINGS;
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        RunSummary summary = new RunSummary();
        int rc = ServiceMain.run(
                ServiceConfig.from(s),
                s.bool(ServiceMain.CREATE_TOPICS),
                shutdown::await,
                new LiveLine(System.out),
                summary);
        System.out.println(summary.render());
        return rc;
    }
}
