package io.contrastream.producer;

import io.contrastream.config.ConfigException;
import io.contrastream.config.Settings;
import io.contrastream.producer.dataset.DatasetException;
import io.contrastream.producer.publish.PublishSummary;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The producer on its own, for its container image: {@code java io.contrastream.producer.ProducerMain
 * [options]}, the options of {@code contrastream produce}.
 */
public final class ProducerMain {

    public static final String SUMMARY =
            "Publishes pairs of augmented views of a dataset's images to Kafka, or with --probe its clean"
                    + " evaluation set. Reads Fashion-MNIST/MNIST IDX files, CIFAR-10/100 batches, an image"
                    + " folder, or a built-in synthetic set.";

    private ProducerMain() {}

    public static void main(String[] args) {
        AtomicBoolean stop = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
        try {
            Settings settings = Settings.parse(PublisherConfig.SETTINGS, args, System.getenv());
            if (settings.helpRequested()) {
                System.out.println(Settings.help("producer [options]", SUMMARY, PublisherConfig.SETTINGS));
                return;
            }
            System.exit(run(settings, stop::get));
        } catch (ConfigException | DatasetException e) {
            System.err.println("producer: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Publishes as configured and prints a summary; the exit code (1 if any send failed). */
    public static int run(Settings settings, BooleanSupplier stop) {
        PublisherConfig config = PublisherConfig.from(settings);
        if (config.probe().publish()) {
            PublishSummary summary = ProducerApp.publishProbe(config, stop, System.err);
            System.out.printf(
                    "published %d evaluation images to '%s' in %.1f s, %d failed%n",
                    summary.sent(), config.probe().topic(), summary.seconds(), summary.failed());
            return summary.failed() > 0 ? 1 : 0;
        }
        PublishSummary summary = ProducerApp.run(config, stop, System.err, sent -> false);
        System.out.printf(
                "published %d pairs in %.1f s (%.0f pairs/s), %d failed%n",
                summary.sent(), summary.seconds(), summary.pairsPerSecond(), summary.failed());
        return summary.failed() > 0 ? 1 : 0;
    }
}
