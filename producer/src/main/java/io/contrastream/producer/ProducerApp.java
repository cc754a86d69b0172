package io.contrastream.producer;

import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.Dataset;
import io.contrastream.producer.dataset.DatasetKind;
import io.contrastream.producer.dataset.Datasets;
import io.contrastream.producer.dataset.Split;
import io.contrastream.producer.dataset.Subset;
import io.contrastream.producer.publish.PairPublisher;
import io.contrastream.producer.publish.PairSource;
import io.contrastream.producer.publish.ProbePublisher;
import io.contrastream.producer.publish.ProbeSource;
import io.contrastream.producer.publish.ProgressBar;
import io.contrastream.producer.publish.PublishSummary;
import io.contrastream.wire.TopicSetup;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured dataset and publishes augmented pairs, or its clean evaluation set, from it. */
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
            return new PairPublisher(producer, config.topic(), config.wireFormat())
                    .publish(source, config.plan(), dataset.size(), bar, stop, holdBack);
        }
    }

    /**
     * The clean evaluation set of the configured dataset: references from the configured split
     * (what the stream trains on), queries from the other one, or from the rest of a dataset
     * that has no fixed split.
     */
    public static ProbeSource probeSource(PublisherConfig config) {
        Dataset training = openDataset(config);
        Split other = config.split() == Split.TRAIN ? Split.TEST : Split.TRAIN;
        Dataset heldOut = null;
        DatasetKind kind = config.dataset();
        if (kind != DatasetKind.FOLDER) {
            heldOut = Datasets.open(kind, config.datasetPath(), other, config.syntheticSize(), config.seed());
        } else {
            log.warn("an image folder has no test split: the evaluation set's queries are images of the folder"
                    + " that the stream may also train on");
        }
        return new ProbeSource(
                training,
                config.split().name().toLowerCase(Locale.ROOT),
                heldOut,
                other.name().toLowerCase(Locale.ROOT),
                config.probe().references(),
                config.probe().queries(),
                new Augmenter(config.augment()),
                config.format(),
                config.augment().outputSize(),
                config.seed());
    }

    /**
     * Publishes the clean evaluation set to the probe topic, creating it compacted if it is
     * missing; returns what the broker acknowledged.
     */
    public static PublishSummary publishProbe(PublisherConfig config, BooleanSupplier stop, PrintStream progressOut) {
        ProbeSource source = probeSource(config);
        String topic = config.probe().topic();
        Properties admin = new Properties();
        admin.putAll(config.kafkaOverrides());
        TopicSetup.createMissing(config.bootstrapServers(), admin, 1, List.of(topic), Set.of(topic));
        log.info("publishing {} evaluation images to {} at {}", source.size(), topic, config.bootstrapServers());
        ProgressBar bar = config.progress() && progressOut != null
                ? new ProgressBar(progressOut, "probe", source.size(), System.console() != null)
                : null;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.producerProperties())) {
            return new ProbePublisher(producer, topic).publish(source, bar, stop);
        }
    }
}
