package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code contrastream demo} keeps training on any dataset: its producer paces itself on every
 * record the service has read, held-out probe samples included. Paced on trained pairs alone it
 * stalled once the probe had held out a lead's worth of pairs (step ~940 with the defaults, ~1000
 * with batch 16); 3,000 steps with a held-out probe pass well beyond that.
 */
class DemoIT {

    static final int STEPS = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist", "synthetic"})
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // ~40 s alone on 2 cores; a stall never ends
    void theDemoTrainsPastTheOldStallOnEveryDataset(String dataset) {
        if (dataset.equals("fashion-mnist")) {
            ExternalTools.requireFile(Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            rc = Main.run(new String[] {
                "demo",
                "--dataset",
                dataset,
                "--max-steps",
                "" + STEPS,
                "--batch-size",
                "16",
                "--image-size",
                "16",
                "--encoder-width",
                "8",
                "--embedding-dim",
                "32",
                "--queue-size",
                "256",
                "--window-size",
                "64",
                "--report-every",
                "500",
                "--knn-every",
                "500",
                "--metrics-port",
                "-1",
                "--embeddings-topic",
                ""
            });
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        assertThat(out).contains("model contrastream at step " + STEPS);
        assertThat(out).contains("published the clean evaluation set to 'image-probe': 7000 images");
        // Ten classes: chance is 0.1; 3,000 small steps reach well past it on clean test images.
        assertThat(out)
                .containsPattern(
                        "evaluation on the clean set \\(2000 queries, 5000 references\\): kNN (0\\.[3-9]\\d\\d|1\\.000)");
        assertThat(out).contains("publishing " + (dataset.equals("synthetic") ? "synthetic" : "fashion-mnist"));
    }
}
