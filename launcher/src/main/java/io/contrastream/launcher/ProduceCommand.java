package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.producer.ProducerMain;
import io.contrastream.producer.PublisherConfig;
import java.util.List;

/** {@code contrastream produce}: publishes augmented pairs from a dataset. */
final class ProduceCommand implements Command {

    @Override
    public String name() {
        return "produce";
    }

    @Override
    public String summary() {
        return ProducerMain.SUMMARY;
    }

    @Override
    public List<Setting> settings() {
        return PublisherConfig.SETTINGS;
    }

    @Override
    public int run(Settings s, Shutdown shutdown) {
        return ProducerMain.run(s, shutdown::requested);
    }
}
