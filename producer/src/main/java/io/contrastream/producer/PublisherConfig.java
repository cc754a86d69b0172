package io.contrastream.producer;

import io.contrastream.codec.ImageFormat;
import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.producer.augment.AugmentSettings;
import io.contrastream.producer.dataset.DatasetKind;
import io.contrastream.producer.dataset.Split;
import io.contrastream.producer.publish.PublishPlan;
import io.contrastream.wire.PairFormat;
import io.contrastream.wire.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Everything the producer is configured by, each setting declared once below. */
public record PublisherConfig(
        String bootstrapServers,
        String topic,
        DatasetKind dataset,
        Path datasetPath,
        Split split,
        int datasetSize,
        int syntheticSize,
        AugmentSettings augment,
        ImageFormat format,
        PairFormat wireFormat,
        PublishPlan plan,
        long seed,
        boolean progress,
        ProbePlan probe,
        Properties kafkaOverrides) {

    /**
     * What {@code --probe} publishes instead of pairs: the clean evaluation set.
     *
     * @param publish whether to publish it (and no pairs)
     */
    public record ProbePlan(boolean publish, String topic, int references, int queries) {}

    public static final Setting BOOTSTRAP_SERVERS =
            Setting.of("bootstrap-servers", "localhost:9092", "Kafka bootstrap servers");
    public static final Setting TOPIC = Setting.of("topic", Topics.IMAGE_PAIRS, "topic to publish pairs to");
    public static final Setting DATASET = Setting.of(
            "dataset",
            "auto",
            "auto (fashion-mnist if installed, else synthetic), fashion-mnist, mnist, cifar10,"
                    + " cifar100, folder, synthetic");
    public static final Setting DATASET_PATH = Setting.optional(
            "dataset-path", "dataset folder (fashion-mnist defaults to /usr/share/datasets/fashion-mnist)");
    public static final Setting SPLIT = Setting.of("split", "train", "train or test");
    public static final Setting DATASET_SIZE =
            Setting.of("dataset-size", "0", "use only the first N images of the dataset (0 = all)");
    public static final Setting SYNTHETIC_SIZE = Setting.of("synthetic-size", "10000", "images in the synthetic set");
    public static final Setting OUTPUT_SIZE =
            Setting.of("output-size", "0", "side of each view in pixels (0 = source size)");
    public static final Setting CROP_SCALE_MIN =
            Setting.of("crop-scale-min", "0.2", "smallest crop, fraction of the image area");
    public static final Setting CROP_SCALE_MAX =
            Setting.of("crop-scale-max", "1.0", "largest crop, fraction of the image area");
    public static final Setting FLIP_PROB = Setting.of("flip-prob", "0.5", "probability of a horizontal flip");
    public static final Setting JITTER_PROB = Setting.of("jitter-prob", "0.8", "probability of colour jitter");
    public static final Setting JITTER_STRENGTH = Setting.of(
            "jitter-strength", "0.5", "colour jitter strength s: brightness, contrast, saturation 0.8s, hue 0.2s");
    public static final Setting GRAYSCALE_PROB = Setting.of("grayscale-prob", "0.2", "probability of greyscale (RGB)");
    public static final Setting BLUR_PROB = Setting.of("blur-prob", "0.0", "probability of a Gaussian blur");
    public static final Setting FORMAT = Setting.of("format", "png", "view encoding: png or jpeg");
    public static final Setting WIRE_FORMAT = Setting.of(
            "wire-format",
            "json",
            "record value: json (base64 views, any client) or binary (the views behind a 24-byte header,"
                    + " docs/binary-formats.md); the service reads both");
    public static final Setting EPOCHS = Setting.of("epochs", "1", "passes over the dataset (0 = forever)");
    public static final Setting LIMIT = Setting.of("limit", "0", "stop after this many pairs (0 = no limit)");
    public static final Setting RATE = Setting.of("rate", "0", "pairs per second (0 = as fast as possible)");
    public static final Setting SEED = Setting.of("seed", "42", "seed of shuffling and augmentation");
    public static final Setting PROGRESS = Setting.of("progress", "true", "show a progress bar");
    public static final Setting PROBE = Setting.ofSwitch(
            "probe",
            "publish the clean evaluation set instead of pairs: un-augmented, labelled references from the"
                    + " training split and queries from the test split, to the compacted --probe-topic");
    public static final Setting PROBE_TOPIC =
            Setting.of("probe-topic", Topics.PROBE, "topic of the clean evaluation set (created compacted)");
    public static final Setting PROBE_REFERENCES =
            Setting.of("probe-references", "10000", "reference images of the evaluation set, from the training split");
    public static final Setting PROBE_QUERIES =
            Setting.of("probe-queries", "10000", "query images of the evaluation set, from the test split");

    public static final List<Setting> SETTINGS = List.of(
            BOOTSTRAP_SERVERS,
            TOPIC,
            DATASET,
            DATASET_PATH,
            SPLIT,
            DATASET_SIZE,
            SYNTHETIC_SIZE,
            OUTPUT_SIZE,
            CROP_SCALE_MIN,
            CROP_SCALE_MAX,
            FLIP_PROB,
            JITTER_PROB,
            JITTER_STRENGTH,
            GRAYSCALE_PROB,
            BLUR_PROB,
            FORMAT,
            WIRE_FORMAT,
            EPOCHS,
            LIMIT,
            RATE,
            SEED,
            PROGRESS,
            PROBE,
            PROBE_TOPIC,
            PROBE_REFERENCES,
            PROBE_QUERIES,
            Settings.KAFKA_CONFIG);

    public static PublisherConfig parse(String[] args, Map<String, String> env) {
        return from(Settings.parse(SETTINGS, args, env));
    }

    public static PublisherConfig from(Settings s) {
        double strength = s.number(JITTER_STRENGTH);
        Settings.require(strength >= 0 && strength <= 2.5, JITTER_STRENGTH, "must be in [0, 2.5]");
        AugmentSettings augment;
        try {
            augment = new AugmentSettings(
                    s.integer(OUTPUT_SIZE),
                    s.number(CROP_SCALE_MIN),
                    s.number(CROP_SCALE_MAX),
                    s.number(FLIP_PROB),
                    s.number(JITTER_PROB),
                    0.8 * strength,
                    0.8 * strength,
                    0.8 * strength,
                    0.2 * strength,
                    s.number(GRAYSCALE_PROB),
                    s.number(BLUR_PROB));
        } catch (IllegalArgumentException e) {
            throw new io.contrastream.config.ConfigException("augmentation: " + e.getMessage());
        }
        int epochs = s.integer(EPOCHS);
        Settings.require(epochs >= 0, EPOCHS, "must be >= 0");
        long limit = s.longValue(LIMIT);
        Settings.require(limit >= 0, LIMIT, "must be >= 0");
        double rate = s.number(RATE);
        Settings.require(rate >= 0, RATE, "must be >= 0");
        int datasetSize = s.integer(DATASET_SIZE);
        Settings.require(datasetSize >= 0, DATASET_SIZE, "must be >= 0");
        int synthetic = s.integer(SYNTHETIC_SIZE);
        Settings.require(synthetic >= 1, SYNTHETIC_SIZE, "must be >= 1");
        String path = s.optionalString(DATASET_PATH);
        int references = s.integer(PROBE_REFERENCES);
        Settings.require(references >= 1, PROBE_REFERENCES, "must be >= 1");
        int queries = s.integer(PROBE_QUERIES);
        Settings.require(queries >= 1, PROBE_QUERIES, "must be >= 1");
        return new PublisherConfig(
                s.string(BOOTSTRAP_SERVERS),
                s.string(TOPIC),
                s.choice(DATASET, DatasetKind.class),
                path == null ? null : Path.of(path),
                s.choice(SPLIT, Split.class),
                datasetSize,
                synthetic,
                augment,
                s.choice(FORMAT, ImageFormat.class),
                s.choice(WIRE_FORMAT, PairFormat.class),
                new PublishPlan(epochs, limit, rate),
                s.longValue(SEED),
                s.bool(PROGRESS),
                new ProbePlan(s.bool(PROBE), s.string(PROBE_TOPIC), references, queries),
                s.kafkaOverrides());
    }

    /** Producer properties: throughput-minded defaults, the user's pass-through on top. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Base64 of PNG still compresses by about a quarter.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(kafkaOverrides);
        return p;
    }
}
