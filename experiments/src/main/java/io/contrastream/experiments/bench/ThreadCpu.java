package io.contrastream.experiments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads over a stretch of work, by what the threads do: read from
 * {@code /proc/self/task} (Linux), so that libtorch's OpenMP workers, which the JVM does not
 * know, count too. A thread is known by its kernel name, 15 characters of its Java name, which a
 * native thread inherits from the thread that started it: the trainer's OpenMP team is named
 * after the trainer thread. On two cores, every CPU second outside the training step is taken
 * from it; this says whose.
 */
final class ThreadCpu {

    /** Linux reports thread times in USER_HZ ticks, 100 a second on every architecture's ABI. */
    private static final double TICKS_PER_SECOND = 100;

    private record Group(String label, Predicate<String> matches) {}

    /** The stream threads' group. */
    static final String STREAM_THREADS = "stream threads (consume, decode, settle, publish)";

    /** In print order; a thread counts in the first group it matches. */
    private static final List<Group> GROUPS = List.of(
            new Group("training step (trainer thread, OpenMP team)", n -> n.startsWith("contrastream-tr")),
            new Group(STREAM_THREADS, n -> n.contains("StreamThr")),
            new Group(
                    "Kafka clients' I/O threads",
                    n -> n.startsWith("kafka-producer") || n.startsWith("kafka-coordinat") || n.contains("StateUpd")),
            new Group("JIT compilers", n -> n.startsWith("C1 Compiler") || n.startsWith("C2 Compiler")),
            new Group("garbage collector", n -> n.startsWith("GC Thread") || n.startsWith("G1 ")),
            new Group("main thread (waits)", n -> n.equals("java")),
            new Group("embedded broker and the rest", n -> true));

    private final Map<String, Long> start;
    private final long startNanos = System.nanoTime();

    private ThreadCpu(Map<String, Long> start) {
        this.start = start;
    }

    /** Starts measuring; empty where {@code /proc} cannot be read. */
    static ThreadCpu start() {
        return new ThreadCpu(ticksByThread());
    }

    /**
     * CPU seconds since {@link #start} by group (threads that ended meanwhile are missing), then
     * "wall clock" and "cores", so that shares of the machine can be printed; empty without
     * {@code /proc}.
     */
    Map<String, Double> stop() {
        if (start.isEmpty()) {
            return Map.of();
        }
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> seconds = new LinkedHashMap<>();
        GROUPS.forEach(g -> seconds.put(g.label(), 0.0));
        ticksByThread().forEach((thread, ticks) -> {
            long spent = ticks - start.getOrDefault(thread, 0L);
            String name = thread.substring(thread.indexOf(' ') + 1);
            Group g = GROUPS.stream()
                    .filter(x -> x.matches().test(name))
                    .findFirst()
                    .orElseThrow();
            seconds.merge(g.label(), spent / TICKS_PER_SECOND, Double::sum);
        });
        seconds.put(WALL, wall);
        seconds.put(CORES, (double) Runtime.getRuntime().availableProcessors());
        return seconds;
    }

    static final String WALL = "wall clock";
    static final String CORES = "cores";

    /** "tid name" to user + system ticks, for every thread of this process now. */
    private static Map<String, Long> ticksByThread() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = Files.readString(task.resolve("comm")).strip();
                    // fields after the parenthesised name: state is field 3, utime 14, stime 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }
}
