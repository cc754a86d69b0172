package io.contrastream.service;

import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.checkpoint.InputLedger;
import io.contrastream.service.evaluation.CleanSet;
import io.contrastream.service.evaluation.CleanSetEvaluation;
import io.contrastream.service.evaluation.Evaluation;
import io.contrastream.service.evaluation.HeldOutEvaluation;
import io.contrastream.service.evaluation.ProbeTopicReader;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.input.ProbeDecoder;
import io.contrastream.service.metrics.MetricsServer;
import io.contrastream.service.metrics.ServiceMetrics;
import io.contrastream.service.metrics.StreamsHealth;
import io.contrastream.service.serving.EmbedHandler;
import io.contrastream.service.serving.ServingEncoder;
import io.contrastream.service.session.SessionListener;
import io.contrastream.service.session.SessionSettings;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.session.TrainingStep;
import io.contrastream.service.stats.StatsCollector;
import io.contrastream.service.topology.ContrastiveTopology;
import io.contrastream.service.topology.PublishFailureHandler;
import io.contrastream.service.topology.ResumingClientSupplier;
import io.contrastream.service.topology.StreamStages;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.TorchRuntime;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: the model (restored from the newest checkpoint if there is one), its Kafka
 * Streams topology and its metrics endpoint. {@link #close()} stops consuming, saves a final
 * checkpoint and releases everything.
 */
public final class ContrastreamService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContrastreamService.class);

    private final ServiceConfig config;
    private final TrainingSession session;
    private final ServiceMetrics metrics;
    private final MetricsServer metricsServer;
    private final KafkaStreams streams;
    private final ServingEncoder serving;
    private final ProbeTopicReader probeReader;
    private final StreamStages stages = new StreamStages();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private boolean closed;

    private ContrastreamService(
            ServiceConfig config,
            TrainingSession session,
            ServiceMetrics metrics,
            MetricsServer metricsServer,
            ServingEncoder serving,
            ProbeTopicReader probeReader,
            PrometheusRegistry registry) {
        this.config = config;
        this.session = session;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.serving = serving;
        this.probeReader = probeReader;
        int threads = config.streamThreads(session.trainer().device().isGpu());
        Properties props = config.streamsProperties(threads);
        props.put(PublishFailureHandler.METRICS_CONFIG, metrics);
        log.info("{} stream thread{} feed the trainer", threads, threads == 1 ? "" : "s");
        this.streams = new KafkaStreams(
                topology(config, session, stages),
                props,
                new ResumingClientSupplier(session.ledger().restoredPositions().keySet(), session.ledger()::reached));
        StreamsHealth.register(
                registry, streams, config.session().modelId(), config.topics().input());
        streams.setUncaughtExceptionHandler(e -> {
            // Records and steps cannot get here (they fail into the dead-letter topic);
            // what does is Kafka Streams itself giving up (fenced, fatal client errors).
            // Stop loudly: the process exits non-zero, its supervisor restarts it, and
            // the checkpoint's ledger makes the restart lose nothing.
            log.error("stream thread failed; shutting down", e);
            failed.complete(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Waits for the broker, builds the model, restores state, starts the metrics endpoint and the
     * stream thread.
     *
     * @param listeners told about every report from the first one on
     */
    public static ContrastreamService start(ServiceConfig config, SessionListener... listeners)
            throws IOException, InterruptedException {
        return start(config, TrainingStep.TRAIN, listeners);
    }

    /**
     * The same, running {@code step} for each full batch: the benchmark measures the data path
     * with a stand-in for the training step.
     */
    public static ContrastreamService start(ServiceConfig config, TrainingStep step, SessionListener... listeners)
            throws IOException, InterruptedException {
        BrokerWait.await(
                config.bootstrapServers(), config.kafkaOverrides(), Duration.ofSeconds(config.brokerWaitSeconds()));
        PrometheusRegistry registry = new PrometheusRegistry();
        ServiceMetrics metrics = new ServiceMetrics(registry, config.session().modelId());
        CheckpointStore store = config.checkpointDir() == null
                ? null
                : new CheckpointStore(config.checkpointDir(), config.modelFingerprint(), config.keepCheckpoints());
        Optional<CheckpointStore.Checkpoint> latest = store == null ? Optional.empty() : store.latest();
        OnlineTrainer trainer = openTrainer(config, latest);
        InputLedger ledger = latest.map(CheckpointStore.Checkpoint::ledger).orElseGet(InputLedger::new);
        log.info(
                "model {} on {} at step {}, {} pairs learned; input positions {}",
                config.session().modelId(),
                trainer.device(),
                trainer.step(),
                ledger.learnedCount(),
                ledger.restoredPositions());
        CleanSet cleanSet = config.topics().readsProbe()
                ? new CleanSet(
                        config.session().probeSize(), config.trainer().encoder().pixelsPerImage())
                : null;
        TrainingSession session = newSession(
                config, trainer, step, store, ledger, evaluation(config, cleanSet), System::currentTimeMillis);
        session.addListener(metrics);
        for (SessionListener l : listeners) {
            session.addListener(l);
        }
        // Only with the HTTP server, which serves /embed: otherwise nothing reads it, and the copy
        // after every step would be for nothing.
        ServingEncoder serving = null;
        MetricsServer server = null;
        if (config.metricsPort() >= 0) {
            serving = TorchRuntime.serially(0, () -> {
                ServingEncoder copy = new ServingEncoder(config.trainer().encoder(), trainer.device());
                copy.refreshFrom(trainer);
                return copy;
            });
            session.afterEachStep(serving::refreshFrom); // requests see each step's weights
            server = MetricsServer.start(
                    registry,
                    config.http().host(),
                    config.metricsPort(),
                    new EmbedHandler(
                            serving,
                            new PairDecoder(config.trainer().encoder(), config.imageLimits()),
                            config.session().modelId(),
                            config.http()));
            log.info(
                    "metrics at http://{}:{}/metrics, embeddings at POST /embed{}",
                    config.http().host().isBlank() ? "localhost" : config.http().host(),
                    server.port(),
                    config.http().tokenFile() == null ? "" : " (bearer token required)");
        }
        ProbeTopicReader reader =
                cleanSet == null ? null : probeReader(config, cleanSet, session).start();
        ContrastreamService service =
                new ContrastreamService(config, session, metrics, server, serving, reader, registry);
        service.streams.start();
        return service;
    }

    /** The topology the service runs, built the same way for tests. */
    public static Topology topology(ServiceConfig config, TrainingSession session, StreamStages stages) {
        return ContrastiveTopology.create(
                config.topics(),
                new PairDecoder(config.trainer().encoder(), config.imageLimits()),
                config.recordLimits(),
                session,
                stages);
    }

    /** The session the service runs, built the same way for tests and the sweep. */
    public static TrainingSession newSession(
            ServiceConfig config,
            OnlineTrainer trainer,
            CheckpointStore store,
            InputLedger ledger,
            Evaluation evaluation,
            LongSupplier wallClockMillis) {
        return newSession(config, trainer, TrainingStep.TRAIN, store, ledger, evaluation, wallClockMillis);
    }

    private static TrainingSession newSession(
            ServiceConfig config,
            OnlineTrainer trainer,
            TrainingStep step,
            CheckpointStore store,
            InputLedger ledger,
            Evaluation evaluation,
            LongSupplier wallClockMillis) {
        return new TrainingSession(
                config.session(),
                trainer,
                step,
                new StatsCollector(config.trainer().loss(), System::nanoTime),
                store,
                ledger,
                evaluation,
                wallClockMillis);
    }

    /**
     * How downstream quality is measured: on the clean evaluation set when there is one, else on a
     * held-out slice of the stream.
     *
     * @param cleanSet the clean set (fed by the probe topic, or by the sweep), or null
     */
    public static Evaluation evaluation(ServiceConfig config, CleanSet cleanSet) {
        SessionSettings s = config.session();
        int dim = config.trainer().encoder().embeddingDim();
        return cleanSet != null
                ? new CleanSetEvaluation(cleanSet, s.knnK(), dim)
                : new HeldOutEvaluation(
                        s.probeFraction(),
                        s.probeSize(),
                        s.knnK(),
                        config.trainer().encoder().pixelsPerImage(),
                        dim);
    }

    private static ProbeTopicReader probeReader(ServiceConfig config, CleanSet cleanSet, TrainingSession session) {
        Properties clients = new Properties();
        clients.putAll(config.kafkaOverrides());
        clients.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return new ProbeTopicReader(
                config.topics().probe(),
                config.topics().deadLetters(),
                clients,
                new ProbeDecoder(new PairDecoder(config.trainer().encoder(), config.imageLimits())),
                cleanSet,
                config.recordLimits(),
                session::deadLettered);
    }

    private static OnlineTrainer openTrainer(ServiceConfig config, Optional<CheckpointStore.Checkpoint> latest)
            throws IOException {
        if (latest.isEmpty()) {
            return OnlineTrainer.create(config.trainer());
        }
        log.info("resuming from {}", latest.get().file());
        return OnlineTrainer.restore(config.trainer(), latest.get().payload());
    }

    public TrainingSession session() {
        return session;
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Where the stream threads' time has gone so far, by stage of the data path. */
    public StreamStages stages() {
        return stages;
    }

    /** The metrics endpoint's port, or -1 when it is off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Completes with the model's step when the run reaches --max-steps. */
    public CompletableFuture<Long> done() {
        return session.done();
    }

    /** Completes with the error if the stream thread dies. */
    public CompletableFuture<Throwable> failed() {
        return failed;
    }

    public ServiceConfig config() {
        return config;
    }

    /**
     * Waits, polling every 200 ms, until a stop request or {@code finish} (exit code 0), --max-steps
     * (0), a failed stream thread or {@code abort} (1); returns the exit code.
     */
    public int awaitEnd(ServiceMain.StopSignal stop, BooleanSupplier abort, BooleanSupplier finish)
            throws InterruptedException {
        while (!stop.await(200)) {
            if (abort.getAsBoolean()) {
                return 1;
            }
            if (finish.getAsBoolean()) {
                return 0;
            }
            if (done().isDone()) {
                log.info("reached --max-steps at step {}", done().join());
                return 0;
            }
            if (failed().isDone()) {
                return 1;
            }
        }
        log.info("stopping on request");
        return 0;
    }

    /** Stops consuming, saves a final checkpoint and releases everything; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams.state().isRunningOrRebalancing()) {
            try {
                // the step in flight is published by the stream thread, not lost with the streams
                session.pause(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        streams.close(Duration.ofSeconds(30));
        if (probeReader != null) {
            probeReader.close();
        }
        try {
            session.close();
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            if (serving != null) {
                serving.close();
            }
        }
    }
}
