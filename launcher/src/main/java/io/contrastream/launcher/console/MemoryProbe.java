package io.contrastream.launcher.console;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as the operating system and the JVM see it: resident set (from
 * {@code /proc/self/status}), heap used and committed, direct buffers, and "native", the resident
 * set less the heap and non-heap the JVM has committed: mostly libtorch's allocations.
 */
public final class MemoryProbe {

    public static final String HEADER =
            "columns: RSS, heap used/committed, non-heap, direct buffers, native (RSS - JVM)";

    /** One reading, in bytes. */
    public record Reading(long rssBytes, long heapUsed, long heapCommitted, long nonHeapCommitted, long directBytes) {

        public long nativeBytes() {
            return Math.max(0, rssBytes - heapCommitted - nonHeapCommitted - directBytes);
        }

        @Override
        public String toString() {
            return String.format(
                    "RSS %d MiB | heap %d/%d MiB | non-heap %d MiB | direct %d MiB | native %d MiB",
                    rssBytes >> 20,
                    heapUsed >> 20,
                    heapCommitted >> 20,
                    nonHeapCommitted >> 20,
                    directBytes >> 20,
                    nativeBytes() >> 20);
        }
    }

    private MemoryProbe() {}

    public static Reading read() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            direct += Math.max(0, pool.getMemoryUsed());
        }
        return new Reading(
                rss(),
                memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getCommitted(),
                memory.getNonHeapMemoryUsage().getCommitted(),
                direct);
    }

    /** VmRSS of this process, or -1 where /proc is not there. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
