package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.launcher.broker.TopicSetup;
import io.contrastream.launcher.console.LiveLine;
import io.contrastream.launcher.console.RunSummary;
import io.contrastream.service.BrokerWait;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code contrastream train}: the service against any Kafka cluster. */
final class TrainCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

    static final Setting CREATE_TOPICS =
            Setting.of("create-topics", "true", "create the input, metrics and dead-letter topics if missing");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "Runs the service: consumes image pairs, trains the contrastive encoder online and"
                + " publishes statistics to the metrics topic and to Prometheus. Stops on Ctrl-C or"
                + " after --max-steps, saving a checkpoint.";
    }

    @Override
    public List<Setting> settings() {
        List<Setting> all = new ArrayList<>(ServiceConfig.SETTINGS);
        all.add(CREATE_TOPICS);
        return all;
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        ServiceConfig config = ServiceConfig.from(s);
        BrokerWait.await(config.bootstrapServers(), config.kafkaOverrides(), Duration.ofSeconds(config.brokerWaitSeconds()));
        if (s.bool(CREATE_TOPICS)) {
            createTopics(config);
        }
        RunSummary summary = new RunSummary();
        int rc;
        try (ContrastreamService service = ContrastreamService.start(config, new LiveLine(System.out), summary)) {
            rc = awaitEnd(service, shutdown, () -> false, () -> false);
        }
        System.out.println(summary.render());
        return rc;
    }

    static void createTopics(ServiceConfig config) {
        List<String> created =
                TopicSetup.createMissing(
                        config.bootstrapServers(), config.kafkaOverrides(), 1,
                        config.topics().all());
        if (!created.isEmpty()) {
            log.info("created topics {}", created);
        }
    }

    /**
     * Waits for --max-steps, a failed stream thread, Ctrl-C, {@code abort} (exit code 1) or
     * {@code finish} (exit code 0); returns the exit code.
     */
    static int awaitEnd(ContrastreamService service, Shutdown shutdown, BooleanSupplier abort, BooleanSupplier finish)
            throws InterruptedException {
        while (!shutdown.await(200)) {
            if (abort.getAsBoolean()) {
                return 1;
            }
            if (finish.getAsBoolean()) {
                return 0;
            }
            if (service.done().isDone()) {
                log.info("reached --max-steps at step {}", service.done().join());
                return 0;
            }
            if (service.failed().isDone()) {
                return 1;
            }
        }
        log.info("stopping on request");
        return 0;
    }
}
