package io.contrastream.producer.publish;

import java.io.PrintStream;

/**
 * A one-line progress display: redrawn in place on a terminal, a plain line every ten seconds
 * otherwise (so CI logs stay readable). Total 0 means unbounded.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long TERMINAL_REDRAW_NANOS = 200_000_000L;
    private static final long LOG_LINE_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    public ProgressBar(PrintStream out, String label, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    public void update(long done, String detail) {
        long now = System.nanoTime();
        if (now - lastDraw < (terminal ? TERMINAL_REDRAW_NANOS : LOG_LINE_NANOS)) {
            return;
        }
        lastDraw = now;
        out.print((terminal ? "\r" : "") + render(done, now, detail) + (terminal ? "" : "\n"));
        out.flush();
    }

    public void finish(long done, String detail) {
        out.print((terminal ? "\r" : "") + render(done, System.nanoTime(), detail) + "\n");
        out.flush();
    }

    String render(long done, long now, String detail) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            sb.append('[')
                    .append("#".repeat(filled))
                    .append("-".repeat(WIDTH - filled))
                    .append("] ");
            sb.append(done).append('/').append(total);
            if (rate > 0 && done < total) {
                sb.append(" ETA ").append(clock((long) ((total - done) / rate)));
            }
        } else {
            sb.append(done);
        }
        sb.append(String.format(" %.0f pairs/s", rate)).append(' ').append(clock((long) seconds));
        if (detail != null && !detail.isEmpty()) {
            sb.append(' ').append(detail);
        }
        return sb.toString();
    }

    private static String clock(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
