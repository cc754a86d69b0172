package io.contrastream.producer.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads dataset files whole, gunzipping those that start with the gzip magic. */
final class DatasetFiles {

    private DatasetFiles() {}

    static byte[] readMaybeGzipped(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first of {@code names} that exists in {@code dir}, also trying each with ".gz". */
    static Path find(Path dir, String... names) {
        for (String name : names) {
            for (String candidate : new String[] {name, name + ".gz"}) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new DatasetException("none of " + String.join(", ", names) + " (or .gz) in " + dir);
    }
}
