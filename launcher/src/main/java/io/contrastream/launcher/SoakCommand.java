package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.launcher.console.MemoryProbe;
import io.contrastream.producer.PublisherConfig;
import java.util.List;

/**
 * {@code contrastream soak}: the demo's stack (embedded broker, producer, service) on a
 * rate-limited stream for a set time, printing heap, resident and native memory every minute and
 * the resident set's growth after the warm-up at the end. Not a test: a long run whose figures
 * the README reports.
 */
final class SoakCommand implements Command {

    static final Setting MINUTES = Setting.of("minutes", "60", "how long to run");
    static final Setting WARMUP_MINUTES =
            Setting.of("warmup-minutes", "10", "minutes after which resident-memory growth is measured");
    static final Setting RATE = Setting.of(PublisherConfig.RATE.name(), "200", "pairs per second published");

    private final DemoCommand demo = new DemoCommand();

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String summary() {
        return "Runs the demo's stack on a rate-limited stream for --minutes, printing heap, resident and"
                + " native memory every minute and, at the end, how much the resident set grew after the warm-up.";
    }

    @Override
    public List<Setting> settings() {
        return SettingLists.union(demo.settings(), List.of())
                .with(List.of(MINUTES, WARMUP_MINUTES), RATE)
                .list();
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        long minutes = s.longValue(MINUTES);
        Settings.require(minutes >= 1, MINUTES, "must be >= 1");
        long warmup = s.longValue(WARMUP_MINUTES);
        Settings.require(warmup >= 0 && warmup < minutes, WARMUP_MINUTES, "must be in [0, --minutes)");
        long start = System.nanoTime();
        long[] nextMinute = {1};
        MemoryProbe.Reading[] atWarmup = {warmup == 0 ? MemoryProbe.read() : null};
        MemoryProbe.Reading[] last = {null};
        System.out.println("soak: " + minutes + " min at " + s.string(RATE) + " pairs/s; " + MemoryProbe.HEADER);
        int rc = demo.run(s, shutdown, running -> {
            long elapsed = (System.nanoTime() - start) / 60_000_000_000L;
            if (elapsed >= nextMinute[0]) {
                last[0] = MemoryProbe.read();
                System.out.println(
                        "soak: minute " + elapsed + " step " + running.session().step() + " | " + last[0]);
                if (elapsed == warmup) {
                    atWarmup[0] = last[0];
                }
                nextMinute[0] = elapsed + 1;
            }
            return elapsed >= minutes;
        });
        if (atWarmup[0] != null && last[0] != null) {
            double growth = 100.0 * (last[0].rssBytes() - atWarmup[0].rssBytes()) / atWarmup[0].rssBytes();
            System.out.printf(
                    "soak: resident set %d MiB after minute %d, %d MiB at the end: %+.1f%%%n",
                    atWarmup[0].rssBytes() >> 20, warmup, last[0].rssBytes() >> 20, growth);
        }
        return rc;
    }
}
