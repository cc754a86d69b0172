package io.contrastream.service.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint files in one directory, {@code checkpoint-<step>.ckpt}, each written to a temporary
 * file, synced and renamed into place, so a crash never leaves a half-written checkpoint under a
 * real name. Each file carries a header (format version and a fingerprint of the model's shape)
 * and a CRC32 trailer; loading takes the newest file that verifies and skips any that do not.
 */
public final class CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
    private static final int MAGIC = 0x43535452; // "CSTR"
    /** 2: the payload starts with the input ledger; 1 (still read): no ledger. */
    public static final int FORMAT_VERSION = 2;

    private static final int OLDEST_READABLE_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.ckpt");

    /** Writes a checkpoint's payload. */
    @FunctionalInterface
    public interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * A verified checkpoint: its step, the input it accounts for and a stream positioned at the
     * model's state.
     */
    public record Checkpoint(Path file, long step, InputLedger ledger, DataInputStream payload) {}

    private final Path dir;
    private final String fingerprint;
    private final int keep;

    /**
     * @param fingerprint describes what the payload must fit (architecture, bank shape); a
     *     checkpoint with another fingerprint is refused with a message saying both
     * @param keep how many newest checkpoints to keep
     */
    public CheckpointStore(Path dir, String fingerprint, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint");
        }
        this.dir = dir;
        this.fingerprint = fingerprint;
        this.keep = keep;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Saves a checkpoint of the model at {@code step}: the ledger with its positions, then what
     * {@code writer} writes.
     */
    public Path save(long step, InputLedger ledger, Map<TopicPartition, Long> positions, PayloadWriter writer)
            throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(fingerprint);
        out.writeLong(step);
        ledger.write(out, positions);
        writer.write(out);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();

        Path target = dir.resolve(String.format("checkpoint-%012d.ckpt", step));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
            bytes.writeTo(os);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune();
        return target;
    }

    /**
     * The newest checkpoint that verifies, if any.
     *
     * @throws IOException if the newest verifying checkpoint belongs to another model shape
     */
    public Optional<Checkpoint> latest() throws IOException {
        for (Path file : newestFirst()) {
            byte[] data = Files.readAllBytes(file);
            if (data.length < 16 || !crcMatches(data)) {
                log.warn("skipping checkpoint {}: incomplete or corrupt (CRC mismatch)", file.getFileName());
                continue;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8));
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
                log.warn("skipping checkpoint {}: not a checkpoint of this format", file.getFileName());
                continue;
            }
            String found = in.readUTF();
            if (!found.equals(fingerprint)) {
                throw new IOException("checkpoint " + file + " is of a different model (" + found + ") than this"
                        + " service is configured for (" + fingerprint + "); point"
                        + " --checkpoint-dir elsewhere or restore the original settings");
            }
            long step = in.readLong();
            InputLedger ledger = version >= 2 ? InputLedger.read(in) : new InputLedger();
            return Optional.of(new Checkpoint(file, step, ledger, in));
        }
        return Optional.empty();
    }

    private static boolean crcMatches(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        return ByteBuffer.wrap(data, data.length - 8, 8).getLong() == crc.getValue();
    }

    private List<Path> newestFirst() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return files;
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private void prune() throws IOException {
        List<Path> files = newestFirst();
        for (int i = keep; i < files.size(); i++) {
            Files.deleteIfExists(files.get(i));
        }
    }
}
