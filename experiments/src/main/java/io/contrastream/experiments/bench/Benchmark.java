package io.contrastream.experiments.bench;

import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.publish.PublishPlan;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.session.BatchBuffer;
import io.contrastream.service.session.SessionListener;
import io.contrastream.service.stats.StatsCollector;
import io.contrastream.service.training.EncoderWeight;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.Precision;
import io.contrastream.service.training.StepPhase;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.TorchRuntime;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import io.contrastream.wire.TopicSetup;
import io.contrastream.wire.WireFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Measures, in one run on one broker, how fast the full pipeline trains (consume,
 * decode, train, statistics, publish) against the bare training step on the same pairs decoded
 * beforehand, and what share of the training thread the statistics take. Rates are medians over
 * report intervals, the first 40% of them left out: start-up, and the JIT still compiling the
 * broker's and the clients' code, which on two cores takes a core from the step for the first
 * ten seconds or so.
 */
public final class Benchmark {

    private final ServiceConfig service;
    private final PublisherConfig producer;
    private final int steps;
    private final String python;
    private final boolean bf16Reference;
    private final PrintStream out;

    /**
     * @param service the service's settings; bootstrap servers are replaced by those {@link #run} gets
     * @param steps training steps of each run
     * @param python the Python that runs the PyTorch reference, if it has torch 2 or newer
     * @param bf16Reference also time the reference under bfloat16 autocast (always when the Java
     *     step computes in bf16: that run is then the one its losses are compared with)
     */
    public Benchmark(
            ServiceConfig service,
            PublisherConfig producer,
            int steps,
            String python,
            boolean bf16Reference,
            PrintStream out) {
        if (steps < 3 * service.session().reportEvery()) {
            throw new IllegalArgumentException("need at least three report intervals of steps");
        }
        this.service = service;
        this.producer = producer;
        this.steps = steps;
        this.python = python;
        this.bf16Reference = bf16Reference;
        this.out = out;
    }

    /**
     * Runs both measurements against the broker at {@code bootstrapServers} (the command starts
     * an embedded one), in topics of their own.
     */
    public BenchResult run(String bootstrapServers) throws Exception {
        int batch = service.session().batchSize();
        ServiceConfig svc = publish(bootstrapServers);
        out.printf("bench: full pipeline, %d steps of %d pairs%n", steps, batch);
        List<MetricsRecord> reports = new CopyOnWriteArrayList<>();
        Map<String, Double> pipelineCpu = pipeline(svc, reports);
        List<DataPathCeiling.Run> dataPath = dataPathRuns(bootstrapServers);
        out.printf("bench: bare training loop on the same pairs, decoded beforehand%n");
        List<TrainingBatch> batches = decodedBatches(svc, bootstrapServers);
        BareLoop bare = bareLoop(svc, batches);
        ReferenceResult reference = reference(svc, batches, bare);
        double[] pipelineRates = reports.stream()
                .skip(warmupIntervals(reports.size()))
                .mapToDouble(r -> r.get(Statistic.PAIRS_PER_SECOND))
                .toArray();
        double[] pipelineShares = reports.stream()
                .skip(warmupIntervals(reports.size()))
                .mapToDouble(r -> r.get(Statistic.STATS_TIME_SHARE))
                .toArray();
        double[] pipelineIdle = reports.stream()
                .skip(warmupIntervals(reports.size()))
                .mapToDouble(r -> r.get(Statistic.STEP_IDLE_SHARE))
                .toArray();
        return new BenchResult(
                median(pipelineRates),
                bare.pairsPerSecond(),
                median(pipelineShares),
                median(pipelineIdle),
                bare.statsShare(),
                pipelineRates.length,
                bare.device(),
                String.format(
                        "libtorch %s, %s, %d intra-op threads",
                        TorchRuntime.libtorchVersion(),
                        svc.trainer().precision().name().toLowerCase(Locale.ROOT),
                        bare.threads()),
                bare.msPerStep(),
                pipelineCpu,
                reference,
                dataPath);
    }

    /** Only the data path, without the training step, by stream threads (on a broker of its own). */
    public List<DataPathCeiling.Run> dataPath(String bootstrapServers) throws Exception {
        publish(bootstrapServers);
        return dataPathRuns(bootstrapServers);
    }

    /** Creates the topics and publishes the run's pairs; returns the service's settings against them. */
    private ServiceConfig publish(String bootstrapServers) {
        long pairs = (long) steps * service.session().batchSize();
        ServiceConfig svc = withBroker(bootstrapServers, service.streamThreads());
        TopicSetup.createMissing(
                bootstrapServers, svc.kafkaOverrides(), PARTITIONS, svc.topics().all());
        out.printf(
                "bench: publishing %d pairs of %s%n",
                pairs, ProducerApp.openDataset(producer).name());
        PublishSummary published = ProducerApp.run(
                withTopic(producer, bootstrapServers, svc.topics().input(), pairs), () -> false, null, s -> false);
        if (published.sent() < pairs) {
            throw new IllegalStateException("only " + published.sent() + " of " + pairs + " pairs were published");
        }
        return svc;
    }

    private List<DataPathCeiling.Run> dataPathRuns(String bootstrapServers) throws Exception {
        List<DataPathCeiling.Run> runs = new ArrayList<>();
        for (int threads : DataPathCeiling.THREADS) {
            out.printf("bench: the data path without the training step, %d stream thread(s)%n", threads);
            DataPathCeiling.Run run = DataPathCeiling.run(withBroker(bootstrapServers, threads), threads, steps);
            out.printf("bench: data path, %d stream thread(s): %.0f pairs/s%n", threads, run.pairsPerSecond());
            runs.add(run);
        }
        return runs;
    }

    /** Input partitions: enough for the largest stream-thread count of the data-path runs. */
    public static final int PARTITIONS = 4;

    /** The service against the bench's broker, as an application of its own (it reads from the start). */
    private ServiceConfig withBroker(String bootstrap, int streamThreads) {
        Properties clients = new Properties();
        clients.putAll(service.kafkaOverrides());
        clients.putIfAbsent(StreamsConfig.CLIENT_ID_CONFIG, "bench"); // its stream thread: bench-StreamThread-1
        return new ServiceConfig(
                bootstrap,
                service.applicationId() + "-bench-" + System.nanoTime(),
                service.topics(),
                service.trainer(),
                service.session().withMaxSteps(steps),
                service.imageLimits(),
                null,
                1,
                -1,
                service.recordLimits(),
                service.http(),
                service.brokerWaitSeconds(),
                streamThreads,
                clients);
    }

    private static PublisherConfig withTopic(PublisherConfig p, String bootstrap, String topic, long limit) {
        return new PublisherConfig(
                bootstrap,
                topic,
                p.dataset(),
                p.datasetPath(),
                p.split(),
                p.datasetSize(),
                p.syntheticSize(),
                p.augment(),
                p.format(),
                p.wireFormat(),
                new PublishPlan(0, limit, 0),
                p.seed(),
                false,
                p.probe(),
                p.kafkaOverrides());
    }

    /**
     * Runs the pipeline to its step limit; returns the CPU seconds of its threads (ThreadCpu) over
     * the intervals its rate is measured on, from the end of the warm-up on.
     */
    private Map<String, Double> pipeline(ServiceConfig svc, List<MetricsRecord> reports) throws Exception {
        int warmup = warmupIntervals(steps / svc.session().reportEvery());
        AtomicReference<ThreadCpu> cpu = new AtomicReference<>(ThreadCpu.start());
        SessionListener measured = SessionListener.ofReports(r -> {
            reports.add(r);
            if (reports.size() == warmup) {
                cpu.set(ThreadCpu.start());
            }
        });
        try (ContrastreamService running = ContrastreamService.start(svc, measured)) {
            running.done().get(30, TimeUnit.MINUTES);
            return cpu.get().stop();
        }
    }

    private record BareLoop(
            double pairsPerSecond,
            double statsShare,
            String device,
            List<EncoderWeight> initialWeights,
            double[] losses,
            int threads,
            Map<String, Double> msPerStep) {}

    /** The statistics' row in {@link BenchResult#bareMillisPerStep}: not a part of the step. */
    public static final String STATISTICS = "statistics (beside the step)";

    /**
     * Trains a fresh model on the batches with nothing around it; statistics are computed on the
     * side and timed separately, and the rate counts the training step alone.
     */
    private BareLoop bareLoop(ServiceConfig svc, List<TrainingBatch> batches) {
        int every = svc.session().reportEvery();
        int batch = svc.session().batchSize();
        int warmupSteps = warmupIntervals(batches.size() / every) * every;
        List<Double> rates = new ArrayList<>();
        long trainNanos = 0;
        long statsNanos = 0;
        long intervalTrainNanos = 0;
        long[] phasesAtWarmup = null;
        long[] phasesAtEnd;
        String device;
        List<EncoderWeight> initialWeights;
        double[] losses = new double[batches.size()];
        try (OnlineTrainer trainer = OnlineTrainer.create(svc.trainer())) {
            device = trainer.device().toString();
            initialWeights = trainer.encoderWeights();
            StatsCollector stats = new StatsCollector(svc.trainer().loss(), System::nanoTime);
            for (int i = 0; i < batches.size(); i++) {
                if (i == warmupSteps) {
                    phasesAtWarmup = trainer.phaseNanos();
                }
                long t0 = System.nanoTime();
                StepResult r = trainer.step(batches.get(i));
                long t1 = System.nanoTime();
                losses[i] = r.loss();
                stats.onStep(r);
                boolean reportDue = (i + 1) % every == 0;
                if (reportDue) {
                    stats.report(trainer.bank().fillRatio(), trainer.windowStatistics());
                }
                long t2 = System.nanoTime();
                // The step computes its statistics on the device: they count as statistics, not training.
                long trained = t1 - t0 - r.statsNanos();
                if (i >= warmupSteps) {
                    trainNanos += trained;
                    statsNanos += t2 - t1 + r.statsNanos();
                }
                intervalTrainNanos += trained;
                if (reportDue) {
                    rates.add(every * (double) batch / (intervalTrainNanos / 1e9));
                    intervalTrainNanos = 0;
                }
            }
            phasesAtEnd = trainer.phaseNanos();
        }
        double[] r = rates.stream()
                .skip(warmupIntervals(rates.size()))
                .mapToDouble(Double::doubleValue)
                .toArray();
        int measured = batches.size() - warmupSteps;
        Map<String, Double> msPerStep = new LinkedHashMap<>();
        for (StepPhase phase : StepPhase.values()) {
            long nanos = phasesAtEnd[phase.ordinal()] - phasesAtWarmup[phase.ordinal()];
            msPerStep.put(phase.label(), nanos / 1e6 / measured);
        }
        msPerStep.put(STATISTICS, statsNanos / 1e6 / measured);
        return new BareLoop(
                median(r),
                statsNanos / (double) (statsNanos + trainNanos),
                device,
                initialWeights,
                losses,
                TorchRuntime.intraOpThreads(),
                msPerStep);
    }

    /**
     * Runs the PyTorch reference on the bare loop's batches from the bare loop's initial weights,
     * and compares their losses step by step; empty, with the reason, without a torch to run.
     */
    private ReferenceResult reference(ServiceConfig svc, List<TrainingBatch> batches, BareLoop bare)
            throws IOException, InterruptedException {
        StringBuilder why = new StringBuilder();
        Optional<PytorchReference> found = PytorchReference.find(python, why);
        if (found.isEmpty()) {
            out.printf("bench: no PyTorch reference: %s (see README, Benchmark)%n", why);
            return ReferenceResult.missing(why.toString());
        }
        out.printf("bench: PyTorch reference on the same pairs, from the same initial weights%n");
        Path input = Files.createTempFile("contrastream-bench-", ".bin");
        try {
            ReferenceInput.write(
                    input,
                    svc.trainer(),
                    svc.session().reportEvery(),
                    bare.threads(),
                    warmupIntervals(steps / svc.session().reportEvery()),
                    bare.device(),
                    bare.initialWeights(),
                    batches);
            PytorchReference.Run run = found.get().run(input, false);
            boolean javaBf16 = svc.trainer().precision() == Precision.BF16;
            PytorchReference.Run bf16 = null;
            if (bf16Reference || javaBf16) {
                out.printf("bench: the same with its forward passes in bfloat16 (autocast)%n");
                bf16 = found.get().run(input, true);
            }
            return ReferenceResult.of(run, bf16, bare.losses(), javaBf16);
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private List<TrainingBatch> decodedBatches(ServiceConfig svc, String bootstrap) throws WireFormatException {
        PairDecoder decoder = new PairDecoder(svc.trainer().encoder(), svc.imageLimits());
        BatchBuffer buffer = new BatchBuffer(
                svc.session().batchSize(), svc.trainer().encoder().pixelsPerImage());
        List<TrainingBatch> batches = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(svc.topics().input())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (batches.size() < steps) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofSeconds(1))) {
                    buffer.add(decoder.decode(new String(rec.key(), StandardCharsets.UTF_8), rec.value()));
                    if (buffer.isFull()) {
                        batches.add(buffer.drain().batch());
                        if (batches.size() == steps) {
                            break;
                        }
                    }
                }
            }
        }
        return batches;
    }

    /** Report intervals left out of every median, the same for all three runs. */
    static int warmupIntervals(int intervals) {
        return Math.max(1, 2 * intervals / 5);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
