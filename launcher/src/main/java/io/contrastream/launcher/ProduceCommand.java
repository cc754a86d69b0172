package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.producer.ProducerApp;
import io.contrastream.producer.PublisherConfig;
import io.contrastream.producer.publish.PublishSummary;
import java.util.List;

/** {@code contrastream produce}: publishes augmented pairs from a dataset. */
final class ProduceCommand implements Command {

    @Override
    public String name() {
        return "produce";
    }

    @Override
    public String summary() {
        return "Publishes pairs of augmented views of a dataset's images to Kafka. Reads"
                + " Fashion-MNIST/MNIST IDX files, CIFAR-10/100 batches, an image folder, or a built-in"
                + " synthetic set.";
    }

    @Override
    public List<Setting> settings() {
        return PublisherConfig.SETTINGS;
    }

    @Override
    public int run(Settings s, Shutdown shutdown) {
        PublishSummary summary = ProducerApp.run(PublisherConfig.from(s), shutdown::requested, System.err, sent -> false);
        System.out.printf("published %d pairs in %.1f s (%.0f pairs/s), %d failed%n",
                summary.sent(), summary.seconds(), summary.pairsPerSecond(), summary.failed());
        return summary.failed() > 0 ? 1 : 0;
    }
}
