package io.contrastream.service;

import io.contrastream.config.ConfigException;
import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.service.session.SessionListener;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import io.contrastream.wire.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service on its own, for its container image: {@code java io.contrastream.service.ServiceMain
 * [options]}, the options of {@code contrastream train}. {@link #run} is what {@code train} runs
 * too: wait for the broker, create missing topics, train until stopped.
 */
public final class ServiceMain {

    private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

    public static final String SUMMARY =
            "Runs the service: consumes image pairs, trains the contrastive encoder online and"
                    + " publishes statistics to the metrics topic and to Prometheus. Stops on Ctrl-C or"
                    + " after --max-steps, saving a checkpoint.";

    public static final Setting CREATE_TOPICS =
            Setting.of("create-topics", "true", "create the input, metrics and dead-letter topics if missing");

    /** The service's settings and the start-up ones, in {@code --help} order. */
    public static final List<Setting> SETTINGS = settings();

    /** A stop request (SIGTERM, Ctrl-C) as something to wait on. */
    @FunctionalInterface
    public interface StopSignal {
        /** Waits up to {@code millis} for a stop request; true once one has come. */
        boolean await(long millis) throws InterruptedException;
    }

    private ServiceMain() {}

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(ServiceConfig.SETTINGS);
        all.add(CREATE_TOPICS);
        return List.copyOf(all);
    }

    public static void main(String[] args) {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            requested.countDown();
                            try {
                                finished.await(60, TimeUnit.SECONDS); // the final checkpoint is being written
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "contrastream-shutdown"));
        int rc;
        try {
            Settings settings = Settings.parse(SETTINGS, args, System.getenv());
            if (settings.helpRequested()) {
                System.out.println(Settings.help("service [options]", SUMMARY, SETTINGS));
                rc = 0;
            } else {
                rc = run(
                        ServiceConfig.from(settings),
                        settings.bool(CREATE_TOPICS),
                        millis -> requested.await(millis, TimeUnit.MILLISECONDS),
                        SessionListener.ofReports(ServiceMain::logReport));
            }
        } catch (ConfigException e) {
            System.err.println("service: " + e.getMessage());
            rc = 2;
        } catch (Exception e) {
            log.error("the service failed", e);
            rc = 1;
        } finally {
            finished.countDown();
        }
        System.exit(rc);
    }

    /**
     * Waits for the broker, creates missing topics if asked, runs the service until a stop
     * request, --max-steps or a failed stream thread, then closes it (final checkpoint).
     *
     * @return the exit code: 0, or 1 if the stream thread failed
     */
    public static int run(ServiceConfig config, boolean createTopics, StopSignal stop, SessionListener... listeners)
            throws Exception {
        BrokerWait.await(
                config.bootstrapServers(), config.kafkaOverrides(), Duration.ofSeconds(config.brokerWaitSeconds()));
        if (createTopics) {
            createTopics(config);
        }
        try (ContrastreamService service = ContrastreamService.start(config, listeners)) {
            return service.awaitEnd(stop, () -> false, () -> false);
        }
    }

    /** Creates the service's topics that are missing (one partition each). */
    public static void createTopics(ServiceConfig config) {
        List<String> created = TopicSetup.createMissing(
                config.bootstrapServers(),
                config.kafkaOverrides(),
                TopicSetup.defaultPartitions(),
                config.topics().all(),
                config.topics().compacted());
        if (!created.isEmpty()) {
            log.info("created topics {}", created);
        }
    }

    private static void logReport(MetricsRecord r) {
        log.info(
                "step {} | loss {} | uniformity {} | tolerance {} | {} pairs trained, {} dead letters",
                r.step(),
                String.format("%.3f", r.get(Statistic.LOSS)),
                String.format("%.2f", r.get(Statistic.UNIFORMITY)),
                String.format("%.2f", r.get(Statistic.TOLERANCE)),
                r.pairsTrainedTotal(),
                r.deadLettersTotal());
    }
}
