package io.contrastream.experiments.bench;

import io.contrastream.service.ContrastreamService;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.session.SessionListener;
import io.contrastream.service.session.TrainingStep;
import io.contrastream.service.topology.StreamStages;
import io.contrastream.service.training.StepResult;
import io.contrastream.service.training.StepStatistics;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.Statistic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data path's own rate: the service as it runs (consume, parse, decode, batch, hand-off,
 * publish embeddings and reports) with the training step taken out, so that nothing waits on the
 * model. What a GPU that trains faster than this would be fed at most, by stream threads.
 */
public final class DataPathCeiling {

    /** Stream-thread counts the benchmark measures. */
    static final List<Integer> THREADS = List.of(1, 2, 4);

    /** The residue of a stream thread's wall time outside the stages. */
    static final String LOOP = "Kafka Streams loop (poll, deserialise, commit, idle)";

    /**
     * @param microsPerPair wall time of the stream threads per pair, by stage, then {@link #LOOP}
     * @param streamCpuMicrosPerPair CPU time of the stream threads per pair (NaN without /proc)
     */
    public record Run(
            int threads, double pairsPerSecond, Map<String, Double> microsPerPair, double streamCpuMicrosPerPair) {}

    private DataPathCeiling() {}

    /**
     * Runs the service with {@code threads} stream threads over the input until it has taken
     * {@code steps} batches, measured from the end of the warm-up intervals on.
     */
    static Run run(ServiceConfig svc, int threads, int steps) throws Exception {
        int warmup = Benchmark.warmupIntervals(steps / svc.session().reportEvery());
        List<MetricsRecord> reports = new CopyOnWriteArrayList<>();
        AtomicReference<ContrastreamService> service = new AtomicReference<>();
        AtomicReference<Snapshot> start = new AtomicReference<>();
        SessionListener measured = SessionListener.ofReports(r -> {
            reports.add(r);
            if (reports.size() >= warmup && start.get() == null && service.get() != null) {
                start.set(Snapshot.of(service.get().stages()));
            }
        });
        try (ContrastreamService running = ContrastreamService.start(svc, passThrough(), measured)) {
            service.set(running);
            running.done().get(10, TimeUnit.MINUTES);
            Snapshot end = Snapshot.of(running.stages());
            Snapshot begin = start.get();
            if (begin == null) {
                throw new IllegalStateException("the data-path run ended before its warm-up did");
            }
            double[] rates = reports.stream()
                    .skip(warmup)
                    .mapToDouble(r -> r.get(Statistic.PAIRS_PER_SECOND))
                    .toArray();
            double records = end.records - begin.records;
            Map<String, Double> micros = new LinkedHashMap<>();
            double staged = 0;
            for (StreamStages.Stage stage : StreamStages.Stage.values()) {
                double nanos = end.nanos.get(stage) - begin.nanos.get(stage);
                staged += nanos;
                micros.put(stage.label(), nanos / records / 1e3);
            }
            double wall = (double) threads * (end.wallNanos - begin.wallNanos);
            micros.put(LOOP, Math.max(0, wall - staged) / records / 1e3);
            double cpu = begin.cpu.stop().getOrDefault(ThreadCpu.STREAM_THREADS, Double.NaN);
            return new Run(threads, Benchmark.median(rates), micros, cpu * 1e6 / records);
        }
    }

    private record Snapshot(long wallNanos, Map<StreamStages.Stage, Long> nanos, long records, ThreadCpu cpu) {
        static Snapshot of(StreamStages stages) {
            return new Snapshot(System.nanoTime(), stages.nanos(), stages.records(), ThreadCpu.start());
        }
    }

    /**
     * The stand-in for the training step: it returns at once, the batch's first view cut to the
     * embedding size as its "embeddings", so that publishing costs what it costs with a model.
     */
    static TrainingStep passThrough() {
        AtomicLong taken = new AtomicLong();
        return (trainer, batch) -> {
            long start = System.nanoTime();
            int b = batch.size();
            int dim = trainer.settings().encoder().embeddingDim();
            int pixels = batch.view1().length / b;
            float[] queries = new float[b * dim];
            for (int i = 0; i < b; i++) {
                System.arraycopy(batch.view1(), i * pixels, queries, i * dim, Math.min(dim, pixels));
            }
            return new StepResult(
                    taken.incrementAndGet(),
                    batch.ids(),
                    0.0,
                    queries,
                    new float[b],
                    StepStatistics.none(),
                    Arrays.copyOf(batch.labels(), b),
                    System.nanoTime() - start,
                    0);
        };
    }
}
