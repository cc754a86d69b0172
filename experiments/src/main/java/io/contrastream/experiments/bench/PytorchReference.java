package io.contrastream.experiments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastream.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/pytorch_reference.py} (packaged with this class) with a Python that has
 * PyTorch 2 or newer, on a file {@link ReferenceInput} wrote.
 */
final class PytorchReference {

    /** What the script measured: its median rate and the loss of every step. */
    record Run(double pairsPerSecond, double[] losses, String torchVersion, int threads) {}

    private static final String SCRIPT = "pytorch_reference.py";

    private final String python;

    private PytorchReference(String python) {
        this.python = python;
    }

    /**
     * The reference when {@code python} runs and imports torch >= 2; otherwise empty, and {@code
     * why} gets the reason.
     */
    static Optional<PytorchReference> find(String python, StringBuilder why) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why.append(python).append(" cannot import torch");
                return Optional.empty();
            }
            String version = out.lines().reduce((a, b) -> b).orElse("");
            if (!version.matches("([2-9]|\\d{2,})\\..*")) {
                why.append(python).append(" has torch ").append(version).append(", the reference needs 2 or newer");
                return Optional.empty();
            }
            return Optional.of(new PytorchReference(python));
        } catch (IOException e) {
            why.append("no ").append(python).append(" on the PATH");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
            return Optional.empty();
        }
    }

    /**
     * @param bf16 its forward passes under autocast to bfloat16: what that lever is worth on this
     *     CPU, not the step the Java loop runs
     */
    Run run(Path input, boolean bf16) throws IOException, InterruptedException {
        Path script = Files.createTempFile("contrastream-", "-" + SCRIPT);
        try (InputStream in = PytorchReference.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not packaged with the bench");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            List<String> command = new ArrayList<>(List.of(python, script.toString(), input.toString()));
            if (bf16) {
                command.add("--bf16");
            }
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("the PyTorch reference failed (exit " + p.exitValue() + "): " + out);
            }
            String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
            JsonNode json = Json.MAPPER.readTree(last);
            List<Double> losses = new ArrayList<>();
            json.get("losses").forEach(n -> losses.add(n.asDouble()));
            return new Run(
                    json.get("pairs_per_second").asDouble(),
                    losses.stream().mapToDouble(Double::doubleValue).toArray(),
                    json.get("torch").asText(),
                    json.get("threads").asInt());
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
