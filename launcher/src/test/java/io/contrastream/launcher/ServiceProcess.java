package io.contrastream.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code contrastream train} in a child JVM, as an operator runs it: its output is read line by
 * line so a test can wait for a log line, and it can be stopped with SIGTERM or killed with
 * SIGKILL ({@code kill -9}).
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final Thread reader;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            var out = Files.newBufferedWriter(
                                    log,
                                    StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND)) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                            out.write(line);
                            out.newLine();
                        }
                    } catch (IOException e) {
                        // the process died; its output ends here
                    }
                },
                "service-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code contrastream train ARGS} on this JVM's class path, with the given JVM options;
     * its output is appended to {@code log} too.
     */
    static ServiceProcess train(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
        command.addAll(List.of(args));
        Files.writeString(
                log, "\n=== " + String.join(" ", args) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ServiceProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start(), log);
    }

    /** Waits for an output line that matches; returns it, or null when the time is up or the process ended. */
    String await(Predicate<String> match, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    return null;
                }
                continue;
            }
            all.add(line);
            if (match.test(line)) {
                return line;
            }
        }
        return null;
    }

    /** SIGKILL: no shutdown hook, no final checkpoint, no commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
    }

    /** SIGTERM, then waits for the graceful shutdown; returns the exit code. */
    int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output, and the
        // last lines (the shutdown's) would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        reader.join(10_000); // its last lines
        return process.exitValue();
    }

    /** Whether any line printed so far contains the text. */
    boolean printed(String text) {
        lines.drainTo(all);
        return all.stream().anyMatch(l -> l.contains(text));
    }

    /** The last lines printed so far, for failure messages. */
    String output() {
        lines.drainTo(all);
        return String.join("\n", all.subList(Math.max(0, all.size() - 80), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
