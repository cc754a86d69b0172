package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.experiments.bench.ReferenceResult;
import io.contrastream.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code CONTRASTREAM_TORCH=python3 ./contrastream bench --precision bf16}, as the launcher does it:
 * {@code gpu/binding.sh} builds DJL's patched binding against python3's PyTorch, and the whole
 * bench (embedded broker, pipeline, bare loop, PyTorch reference) trains in bfloat16 on that
 * libtorch. The Java bfloat16 step must be PyTorch's autocast step: the same step-1 loss from the
 * same weights and batch.
 */
class TorchBindingIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bf16TrainsOnTheBindingBuiltAgainstPythonsPytorchAndMatchesItsAutocastStep() throws Exception {
        ExternalTools.requirePythonModule("python3", "torch", "torch");
        // g++ alone builds it (binding.sh falls back to it without CMake); CI has CMake too.
        ExternalTools.requireProgram("g++", "g++");

        Result bench = contrastream(
                "bench",
                "--steps",
                "40",
                "--batch-size",
                "32",
                "--precision",
                "bf16",
                "--dataset",
                "synthetic",
                "--python",
                "python3");

        assertThat(bench.exit).as(bench.output).isZero();
        assertThat(bench.output)
                .as("the bench ran on python3's libtorch, in bfloat16")
                .contains("libtorch " + pythonTorchVersion() + ", bf16");
        Matcher loss = Pattern.compile("step-1 loss differs from Java's \\(both bf16\\) by (\\S+) ")
                .matcher(bench.output);
        assertThat(loss.find()).as(bench.output).isTrue();
        assertThat(Double.parseDouble(loss.group(1)))
                .as("|loss_java - loss_torch| at step 1, both in bfloat16")
                .isLessThanOrEqualTo(ReferenceResult.BF16_AGREEMENT);
        Matcher pipeline = Pattern.compile("full pipeline\\s+([0-9.]+)").matcher(bench.output);
        assertThat(pipeline.find()).as(bench.output).isTrue();
        assertThat(Double.parseDouble(pipeline.group(1))).as("pipeline pairs/s").isPositive();
    }

    record Result(int exit, String output) {}

    /** {@code contrastream ARGS} on this JVM's class path after {@code binding_ready python3}, as the launcher runs it. */
    static Result contrastream(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                ". gpu/binding.sh && binding_ready python3 \"$1\" && shift && "
                        + "exec \"$0\" -Xmx2g -Dai.djl.offline=true \"${binding_jvm_options[@]}\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ROOT.resolve("launcher/target/torch-binding-it").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return run(command);
    }

    static String pythonTorchVersion() throws IOException, InterruptedException {
        return run(List.of("python3", "-c", "import torch; print(torch.__version__.split('+')[0])"))
                .output
                .strip();
    }

    /** Output goes to a file, so that a run that hangs is stopped after 10 minutes, not waited for. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("torch-binding-it", ".log");
        Process p = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(ended).as("ended within 10 minutes:%n%s", output).isTrue();
        return new Result(p.exitValue(), output);
    }
}
