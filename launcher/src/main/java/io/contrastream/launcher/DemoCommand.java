package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.launcher.console.LiveLine;
import io.contrastream.launcher.console.RunSummary;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.wire.TopicSetup;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code contrastream demo}: the whole product on one machine. Starts a real broker, creates the
 * topics, publishes augmented pairs (Fashion-MNIST when installed, else the synthetic set) and
 * trains on them, printing a line per report and serving /metrics.
 */
final class DemoCommand implements Command {

    static final Setting BROKER_PORT =
            Setting.of("broker-port", "0", "port of the embedded broker (0 = any free port)");
    /** The demo starts fresh unless told where to keep checkpoints. */
    static final Setting CHECKPOINT_DIR =
            Setting.of(ServiceConfig.CHECKPOINT_DIR.name(), "", "checkpoint directory (demo default: none)");

    static final Setting EPOCHS =
            Setting.of(PublisherConfig.EPOCHS.name(), "0", "passes over the dataset (0 = until the demo ends)");
    static final Setting PROBE_REFERENCES = Setting.of(
            PublisherConfig.PROBE_REFERENCES.name(),
            "5000",
            "reference images of the clean evaluation set the demo publishes first, from the training split");
    static final Setting PROBE_QUERIES = Setting.of(
            PublisherConfig.PROBE_QUERIES.name(),
            "2000",
            "query images of the clean evaluation set, from the test split");

    /** The producer stays at most this many batches ahead of training: the demo is paced by training. */
    private static final int LEAD_BATCHES = 50;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "Runs everything on this machine: an embedded Kafka broker, the producer and the"
                + " service. Trains until Ctrl-C or --max-steps, printing a line per report and serving"
                + " Prometheus metrics.";
    }

    @Override
    public List<Setting> settings() {
        return SettingLists.union(ServiceConfig.SETTINGS, PublisherConfig.SETTINGS)
                .without(
                        ServiceConfig.BOOTSTRAP_SERVERS,
                        PublisherConfig.TOPIC,
                        PublisherConfig.PROGRESS,
                        PublisherConfig.PROBE)
                .with(List.of(BROKER_PORT), CHECKPOINT_DIR, EPOCHS, PROBE_REFERENCES, PROBE_QUERIES)
                .list();
    }

    /** Looks at the running stack every 200 ms; true ends the run as if --max-steps was reached. */
    @FunctionalInterface
    interface Watch {
        Watch NONE = running -> false;

        boolean done(ContrastreamService running);
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        return run(s, shutdown, Watch.NONE);
    }

    int run(Settings s, Shutdown shutdown, Watch watch) throws Exception {
        ExecutorService producerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-producer"));
        AtomicBoolean stopProducer = new AtomicBoolean();
        RunSummary summary = new RunSummary();
        int rc;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(s.integer(BROKER_PORT), null)) {
            Settings wired = s.with(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .with(PublisherConfig.PROBE, "false");
            ServiceConfig service = ServiceConfig.from(wired);
            PublisherConfig producer = PublisherConfig.from(
                    wired.with(PublisherConfig.TOPIC, service.topics().input())
                            .with(PublisherConfig.PROGRESS, "false"));
            kafka.createTopics(
                    TopicSetup.defaultPartitions(),
                    service.topics().all(),
                    service.topics().compacted());
            System.out.println("embedded Kafka at " + kafka.bootstrapServers() + "; publishing "
                    + ProducerApp.openDataset(producer).name() + " to '"
                    + service.topics().input() + "'");
            if (service.topics().readsProbe()) {
                PublishSummary probe = ProducerApp.publishProbe(producer, () -> false, null);
                System.out.printf(
                        "published the clean evaluation set to '%s': %d images in %.0f s%n",
                        service.topics().probe(), probe.sent(), probe.seconds());
            }
            try (ContrastreamService running = ContrastreamService.start(service, new LiveLine(System.out), summary)) {
                long lead = (long) LEAD_BATCHES * service.session().batchSize();
                Future<?> publishing = producerThread.submit(() -> ProducerApp.run(
                        producer,
                        stopProducer::get,
                        null,
                        // Paced on every record the service has read, held-out and dead-lettered ones
                        // too: pacing on trained pairs alone stalls once the probe has held out `lead`.
                        sent -> sent - running.session().counts().consumed() > lead));
                if (running.metricsPort() > 0) {
                    System.out.println("Prometheus metrics at http://localhost:" + running.metricsPort() + "/metrics");
                }
                rc = running.awaitEnd(shutdown::await, () -> failed(publishing), () -> watch.done(running));
                stopProducer.set(true);
                if (!failed(publishing)) {
                    publishing.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            stopProducer.set(true);
            producerThread.shutdownNow();
        }
        System.out.println(summary.render());
        return rc;
    }

    /** True once the producer has died; says why. */
    private static boolean failed(Future<?> publishing) {
        if (!publishing.isDone() || publishing.isCancelled()) {
            return false;
        }
        try {
            publishing.get();
            return false;
        } catch (ExecutionException e) {
            System.err.println("producer failed: " + e.getCause().getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
