package io.contrastream.service.artifact;

import io.contrastream.encoder.ExportManifest;
import io.contrastream.service.training.OnlineTrainer;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes the trainer's encoder as a versioned artifact, {@code <root>/<model-id>-v<step>/} with
 * {@code manifest.json} and {@code encoder.params}, loadable by {@code ExportedEncoder} with DJL
 * alone. Written into a temporary folder and renamed, so a reader never sees half an export.
 */
public final class ModelExporter {

    private ModelExporter() {}

    public static Path export(OnlineTrainer trainer, String modelId, Path root) throws IOException {
        Files.createDirectories(root);
        String name = modelId + "-v" + trainer.step();
        Path tmp = Files.createTempDirectory(root, "." + name + "-");
        try {
            try (OutputStream out =
                    new BufferedOutputStream(Files.newOutputStream(tmp.resolve(ExportManifest.PARAMETERS)))) {
                trainer.saveEncoderParameters(new DataOutputStream(out));
            }
            ExportManifest.of(
                            trainer.settings().encoder(),
                            modelId,
                            trainer.step(),
                            trainer.settings().loss().label(),
                            trainer.settings().tau())
                    .write(tmp);
            Path target = root.resolve(name);
            if (Files.exists(target)) {
                delete(target); // the same step exported again: same weights
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            if (Files.exists(tmp)) {
                delete(tmp);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
