package io.contrastream.producer;

import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.dataset.Datasets;
import io.contrastream.producer.dataset.Subset;
import io.contrastream.producer.publish.PairPublisher;
import io.contrastream.producer.publish.PairSource;
import io.contrastream.producer.publish.ProgressBar;
import io.contrastream.producer.publish.PublishSummary;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured dataset and publishes augmented pairs from it. */
public final class ProducerApp {

    private static final Logger log = LoggerFactory.getLogger(ProducerApp.class);

    private ProducerApp() {}

    public static Dataset openDataset(PublisherConfig config) {
        Dataset all = Datasets.open(
                config.dataset(), config.datasetPath(), config.split(), config.syntheticSize(), config.seed());
        return config.datasetSize() > 0 ? new Subset(all, config.datasetSize()) : all;
    }

    /**
     * Publishes until the plan is done or {@code stop} turns true.
     *
     * @param progressOut where the progress bar goes (null: none)
     * @param holdBack see {@link PairPublisher#publish}
     */
    public static PublishSummary run(
            PublisherConfig config, BooleanSupplier stop, PrintStream progressOut, LongPredicate holdBack) {
        Dataset dataset = openDataset(config);
        log.info("publishing {} to {} at {}", dataset.name(), config.topic(), config.bootstrapServers());
        PairSource source = new PairSource(
                dataset,
                new Augmenter(config.augment()),
                config.format(),
                config.split().name().toLowerCase() + "-",
                config.seed());
        ProgressBar bar = config.progress() && progressOut != null
                ? new ProgressBar(progressOut, "produce", config.plan().total(dataset.size()), System.console() != null)
                : null;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.producerProperties())) {
            return new PairPublisher(producer, config.topic())
                    .publish(source, config.plan(), dataset.size(), bar, stop, holdBack);
        }
    }
}
