package io.contrastream.service;

import io.contrastream.codec.ImageLimits;
import io.contrastream.config.ConfigException;
import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.drift.DriftSettings;
import io.contrastream.service.serving.HttpSettings;
import io.contrastream.service.session.SessionSettings;
import io.contrastream.service.topology.PublishFailureHandler;
import io.contrastream.service.topology.RecordLimits;
import io.contrastream.service.topology.TopicNames;
import io.contrastream.service.training.BankKind;
import io.contrastream.service.training.LossKind;
import io.contrastream.service.training.LossSpec;
import io.contrastream.service.training.OptimizerKind;
import io.contrastream.service.training.Precision;
import io.contrastream.service.training.StatisticsSettings;
import io.contrastream.service.training.TrainerSettings;
import io.contrastream.wire.EmbeddingFormat;
import io.contrastream.wire.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the service is configured by, each setting declared once below. Defaults run the
 * service against a broker on localhost.
 */
public record ServiceConfig(
        String bootstrapServers,
        String applicationId,
        TopicNames topics,
        TrainerSettings trainer,
        SessionSettings session,
        ImageLimits imageLimits,
        Path checkpointDir,
        int keepCheckpoints,
        int metricsPort,
        RecordLimits recordLimits,
        HttpSettings http,
        int brokerWaitSeconds,
        int streamThreads,
        Properties kafkaOverrides) {

    public static final Setting BOOTSTRAP_SERVERS =
            Setting.of("bootstrap-servers", "localhost:9092", "Kafka bootstrap servers");
    public static final Setting APPLICATION_ID =
            Setting.of("application-id", "contrastream", "Kafka Streams application id (consumer group)");
    public static final Setting MODEL_ID =
            Setting.of("model-id", "contrastream", "model identity: metrics record key and Prometheus label");
    public static final Setting INPUT_TOPIC = Setting.of("input-topic", Topics.IMAGE_PAIRS, "topic of image pairs");
    public static final Setting METRICS_TOPIC =
            Setting.of("metrics-topic", Topics.METRICS, "topic the metrics records go to");
    public static final Setting DLQ_TOPIC =
            Setting.of("dlq-topic", Topics.DEAD_LETTERS, "dead-letter topic for records that cannot be decoded");
    public static final Setting EMBEDDINGS_TOPIC = Setting.of(
            "embeddings-topic",
            Topics.EMBEDDINGS,
            "topic of each trained sample's embedding, keyed by sample id ('' = publish none)");
    public static final Setting EMBEDDINGS_FORMAT = Setting.of(
            "embeddings-format",
            "binary",
            "binary (float32 behind a 24-byte header, README 'Embeddings out') or json, of the embeddings topic");
    public static final Setting PROBE_TOPIC = Setting.of(
            "probe-topic",
            Topics.PROBE,
            "compacted topic of the clean evaluation set (contrastream produce --probe); '' = evaluate on a"
                    + " held-out slice of the stream (--probe-fraction) instead");
    public static final Setting BATCH_SIZE = Setting.of("batch-size", "64", "pairs per training step");
    public static final Setting TAU = Setting.of("tau", "0.2", "InfoNCE temperature");
    public static final Setting LOSS =
            Setting.of("loss", "contrastive", "contrastive, hard, simple or hard-simple (the paper's four losses)");
    public static final Setting HARD_QUANTILE = Setting.of(
            "hard-quantile",
            "0.1",
            "hard losses keep each anchor's negatives at or above its upper quantile of this mass");
    public static final Setting HARD_TOP_K = Setting.of(
            "hard-top-k", "0", "hard losses keep exactly this many nearest negatives (0 = use --hard-quantile)");
    public static final Setting BANK = Setting.of(
            "bank", "queue", "queue (FIFO of recent keys, MoCo) or instance (a slot per sample id, the paper's)");
    public static final Setting QUEUE_SIZE = Setting.of(
            "queue-size",
            "4096",
            "negatives per step beyond the batch: the queue's length, or the instance bank's uniform sample"
                    + " (0 = in-batch negatives only)");
    public static final Setting BANK_CAPACITY = Setting.of(
            "bank-capacity",
            "0",
            "instance bank slots, one per sample id (0 = one per distinct id that arrives: a replayed"
                    + " dataset's size, embedding-dim x 4 bytes each)");
    public static final Setting BANK_MOMENTUM =
            Setting.of("bank-momentum", "0.5", "instance bank update v = normalize(m v + (1-m) k)");
    public static final Setting KEY_MOMENTUM =
            Setting.of("key-momentum", "0.99", "momentum m of the key encoder, theta_k = m theta_k + (1-m) theta_q");
    public static final Setting OPTIMIZER = Setting.of("optimizer", "adam", "adam or sgd (momentum 0.9)");
    public static final Setting LEARNING_RATE = Setting.of("learning-rate", "0.002", "optimiser learning rate");
    public static final Setting WEIGHT_DECAY = Setting.of("weight-decay", "0.0001", "L2 weight decay");
    public static final Setting IMAGE_SIZE =
            Setting.of("image-size", "32", "encoder input height and width; views are resized to it");
    public static final Setting CHANNELS =
            Setting.of("channels", "1", "encoder input channels: 1 (grey) or 3 (RGB); views are converted");
    public static final Setting ENCODER_WIDTH =
            Setting.of("encoder-width", "16", "channels of the first residual stage (then x2, x4)");
    public static final Setting EMBEDDING_DIM = Setting.of("embedding-dim", "128", "embedding size");
    public static final Setting DEVICE = Setting.of("device", "auto", "auto (GPU if DJL sees one), cpu or gpu");
    public static final Setting SEED = Setting.of("seed", "42", "seed of the initial weights");
    public static final Setting PRECISION = Setting.of(
            "precision",
            "fp32",
            "fp32, or bf16: forward and backward in bfloat16, weights float32 (needs CONTRASTREAM_TORCH: a binding built against a local PyTorch)");
    public static final Setting TORCH_THREADS =
            Setting.of("torch-threads", "0", "libtorch intra-op threads of the training step (0 = one per core)");
    public static final Setting STEP_THREAD = Setting.of(
            "step-thread",
            "true",
            "train on a thread of its own, each step overlapping the decoding of the next batch and the"
                    + " statistics of the last (false = on the stream thread)");
    public static final Setting STREAM_THREADS = Setting.of(
            "stream-threads",
            "0",
            "Kafka Streams threads that consume and decode in parallel for the one trainer (0 = the cores"
                    + " libtorch leaves: cores - torch threads on CPU, cores - 1 on GPU; at least 1)");
    public static final Setting REPORT_EVERY = Setting.of("report-every", "10", "steps between reports");
    public static final Setting WINDOW_SIZE =
            Setting.of("window-size", "512", "recent embeddings for uniformity and tolerance");
    public static final Setting SAMPLED_ANCHORS =
            Setting.of("sampled-anchors", "8", "anchors per step feeding the hard-negative statistics");
    public static final Setting FALSE_NEGATIVE_TOP_K =
            Setting.of("false-negative-top-k", "10", "hardest negatives per anchor checked for its label");
    public static final Setting PROBE_FRACTION = Setting.of(
            "probe-fraction",
            "0.05",
            "without a probe topic: share of labelled sample ids held out of training for the evaluation (0 = none)");
    public static final Setting PROBE_SIZE = Setting.of(
            "probe-size",
            "5000",
            "most clean-set images evaluated per role (references, queries), or held-out samples kept");
    public static final Setting KNN_EVERY = Setting.of(
            "knn-every",
            "500",
            "steps between evaluations (0 = never); each takes evaluation_seconds of the training thread");
    public static final Setting KNN_K = Setting.of("knn-k", "20", "neighbours voting in the weighted kNN probe");
    public static final Setting DRIFT_THRESHOLD =
            Setting.of("drift-threshold", "7", "CUSUM threshold h, in standard deviations, of a drift event");
    public static final Setting DRIFT_ALLOWANCE =
            Setting.of("drift-allowance", "0.75", "CUSUM allowance k: standardised residuals below it do not add up");
    public static final Setting DRIFT_ALPHA = Setting.of(
            "drift-alpha", "0.3", "weight of each report in the drift detector's moving baseline (trend: a third)");
    public static final Setting DRIFT_SIGMA_FLOOR =
            Setting.of("drift-sigma-floor", "0.02", "smallest standard deviation the drift detector assumes");
    public static final Setting DRIFT_WARMUP =
            Setting.of("drift-warmup-reports", "20", "reports after the bank is full before drift events can fire");
    public static final Setting EXPORT_DIR =
            Setting.of("export-dir", "", "folder for exported models, <model-id>-v<step>/ ('' = no exports)");
    public static final Setting EXPORT_EVERY =
            Setting.of("export-every", "0", "steps between exports (0 = only when the run ends)");
    public static final Setting CHECKPOINT_DIR =
            Setting.of("checkpoint-dir", "checkpoints", "checkpoint directory ('' disables checkpoints)");
    public static final Setting CHECKPOINT_EVERY =
            Setting.of("checkpoint-every", "100", "steps between checkpoints (also one on shutdown)");
    public static final Setting KEEP_CHECKPOINTS = Setting.of("keep-checkpoints", "3", "checkpoints kept");
    public static final Setting MAX_STEPS =
            Setting.of("max-steps", "0", "stop cleanly after this many steps of this run (0 = never)");
    public static final Setting METRICS_PORT =
            Setting.of("metrics-port", "9400", "Prometheus /metrics port (0 = any free port, -1 = off)");
    public static final Setting MAX_IMAGE_BYTES =
            Setting.of("max-image-bytes", "4194304", "largest encoded view accepted");
    public static final Setting MAX_IMAGE_SIDE =
            Setting.of("max-image-side", "4096", "largest width or height accepted, read from the header");
    public static final Setting MAX_IMAGE_PIXELS = Setting.of(
            "max-image-pixels",
            "4194304",
            "largest width x height accepted (input and /embed), read from the header before decoding");
    public static final Setting MAX_KEY_BYTES = Setting.of(
            "max-key-bytes", "1024", "longest record key (sample id) accepted; longer ones are dead-lettered");
    public static final Setting MAX_DEAD_LETTER_BYTES = Setting.of(
            "max-dead-letter-bytes",
            "524288",
            "largest dead-letter value; larger originals are cut, their size and SHA-256 kept in headers");
    public static final Setting HTTP_HOST = Setting.of(
            "http-host", "", "interface /metrics and /embed listen on ('' = all, as a Prometheus scrape needs)");
    public static final Setting HTTP_TOKEN_FILE = Setting.optional(
            "http-token-file", "file holding a bearer token that POST /embed requires (default: none)");
    public static final Setting EMBED_CONCURRENCY =
            Setting.of("embed-concurrency", "4", "concurrent /embed requests served; more get 503");
    public static final Setting BROKER_WAIT_SECONDS =
            Setting.of("broker-wait-seconds", "0", "how long to wait for an unreachable broker at start (0 = forever)");

    /** Every setting of the service, in {@code --help} order. */
    public static final List<Setting> SETTINGS = List.of(
            BOOTSTRAP_SERVERS,
            APPLICATION_ID,
            MODEL_ID,
            INPUT_TOPIC,
            METRICS_TOPIC,
            DLQ_TOPIC,
            EMBEDDINGS_TOPIC,
            EMBEDDINGS_FORMAT,
            PROBE_TOPIC,
            BATCH_SIZE,
            TAU,
            LOSS,
            HARD_QUANTILE,
            HARD_TOP_K,
            BANK,
            QUEUE_SIZE,
            BANK_CAPACITY,
            BANK_MOMENTUM,
            KEY_MOMENTUM,
            OPTIMIZER,
            LEARNING_RATE,
            WEIGHT_DECAY,
            IMAGE_SIZE,
            CHANNELS,
            ENCODER_WIDTH,
            EMBEDDING_DIM,
            DEVICE,
            SEED,
            TORCH_THREADS,
            PRECISION,
            STEP_THREAD,
            STREAM_THREADS,
            REPORT_EVERY,
            WINDOW_SIZE,
            SAMPLED_ANCHORS,
            FALSE_NEGATIVE_TOP_K,
            PROBE_FRACTION,
            PROBE_SIZE,
            KNN_EVERY,
            KNN_K,
            DRIFT_THRESHOLD,
            DRIFT_ALLOWANCE,
            DRIFT_ALPHA,
            DRIFT_SIGMA_FLOOR,
            DRIFT_WARMUP,
            EXPORT_DIR,
            EXPORT_EVERY,
            CHECKPOINT_DIR,
            CHECKPOINT_EVERY,
            KEEP_CHECKPOINTS,
            MAX_STEPS,
            METRICS_PORT,
            MAX_IMAGE_BYTES,
            MAX_IMAGE_SIDE,
            MAX_IMAGE_PIXELS,
            MAX_KEY_BYTES,
            MAX_DEAD_LETTER_BYTES,
            HTTP_HOST,
            HTTP_TOKEN_FILE,
            EMBED_CONCURRENCY,
            BROKER_WAIT_SECONDS,
            Settings.KAFKA_CONFIG);

    public static ServiceConfig parse(String[] args, Map<String, String> env) {
        return from(Settings.parse(SETTINGS, args, env));
    }

    public static ServiceConfig from(Settings s) {
        int batch = s.integer(BATCH_SIZE);
        Settings.require(batch >= 2, BATCH_SIZE, "must be at least 2");
        double tau = s.number(TAU);
        Settings.require(tau > 0, TAU, "must be > 0");
        int queue = s.integer(QUEUE_SIZE);
        Settings.require(queue >= 0, QUEUE_SIZE, "must be >= 0");
        double hardQuantile = s.number(HARD_QUANTILE);
        Settings.require(hardQuantile > 0 && hardQuantile <= 1, HARD_QUANTILE, "must be in (0, 1]");
        int hardTopK = s.integer(HARD_TOP_K);
        Settings.require(hardTopK >= 0, HARD_TOP_K, "must be >= 0");
        int bankCapacity = s.integer(BANK_CAPACITY);
        Settings.require(bankCapacity >= 0, BANK_CAPACITY, "must be >= 0");
        double bankMomentum = s.number(BANK_MOMENTUM);
        Settings.require(bankMomentum >= 0 && bankMomentum < 1, BANK_MOMENTUM, "must be in [0, 1)");
        double momentum = s.number(KEY_MOMENTUM);
        Settings.require(momentum >= 0 && momentum < 1, KEY_MOMENTUM, "must be in [0, 1)");
        double lr = s.number(LEARNING_RATE);
        Settings.require(lr > 0, LEARNING_RATE, "must be > 0");
        int channels = s.integer(CHANNELS);
        Settings.require(channels == 1 || channels == 3, CHANNELS, "must be 1 or 3");
        int imageSize = s.integer(IMAGE_SIZE);
        Settings.require(imageSize >= 8 && imageSize <= 512, IMAGE_SIZE, "must be in [8, 512]");
        int width = s.integer(ENCODER_WIDTH);
        Settings.require(width >= 1, ENCODER_WIDTH, "must be >= 1");
        int dim = s.integer(EMBEDDING_DIM);
        Settings.require(dim >= 2, EMBEDDING_DIM, "must be >= 2");
        int window = s.integer(WINDOW_SIZE);
        Settings.require(window >= 2, WINDOW_SIZE, "must be >= 2");
        int anchors = s.integer(SAMPLED_ANCHORS);
        Settings.require(anchors >= 1, SAMPLED_ANCHORS, "must be >= 1");
        int topK = s.integer(FALSE_NEGATIVE_TOP_K);
        Settings.require(topK >= 1, FALSE_NEGATIVE_TOP_K, "must be >= 1");
        int reportEvery = s.integer(REPORT_EVERY);
        Settings.require(reportEvery >= 1, REPORT_EVERY, "must be >= 1");
        int checkpointEvery = s.integer(CHECKPOINT_EVERY);
        Settings.require(checkpointEvery >= 0, CHECKPOINT_EVERY, "must be >= 0");
        int keep = s.integer(KEEP_CHECKPOINTS);
        Settings.require(keep >= 1, KEEP_CHECKPOINTS, "must be >= 1");
        double probeFraction = s.number(PROBE_FRACTION);
        Settings.require(probeFraction >= 0 && probeFraction < 1, PROBE_FRACTION, "must be in [0, 1)");
        int probeSize = s.integer(PROBE_SIZE);
        Settings.require(probeSize >= 0, PROBE_SIZE, "must be >= 0");
        int knnEvery = s.integer(KNN_EVERY);
        Settings.require(knnEvery >= 0, KNN_EVERY, "must be >= 0");
        int knnK = s.integer(KNN_K);
        Settings.require(knnK >= 1, KNN_K, "must be >= 1");
        int exportEvery = s.integer(EXPORT_EVERY);
        Settings.require(exportEvery >= 0, EXPORT_EVERY, "must be >= 0");
        long maxSteps = s.longValue(MAX_STEPS);
        Settings.require(maxSteps >= 0, MAX_STEPS, "must be >= 0");
        int port = s.integer(METRICS_PORT);
        Settings.require(port >= -1 && port <= 65535, METRICS_PORT, "must be a port, 0 or -1");
        String device = s.string(DEVICE);
        Settings.require(List.of("auto", "cpu", "gpu").contains(device), DEVICE, "must be auto, cpu or gpu");
        String checkpointDir = s.optionalString(CHECKPOINT_DIR);
        long maxPixels = s.longValue(MAX_IMAGE_PIXELS);
        Settings.require(maxPixels >= 64, MAX_IMAGE_PIXELS, "must be at least 64");
        int maxKey = s.integer(MAX_KEY_BYTES);
        Settings.require(maxKey >= 1 && maxKey <= 16384, MAX_KEY_BYTES, "must be in [1, 16384]");
        int maxDeadLetter = s.integer(MAX_DEAD_LETTER_BYTES);
        Settings.require(maxDeadLetter >= 1024, MAX_DEAD_LETTER_BYTES, "must be at least 1024");
        int embedConcurrency = s.integer(EMBED_CONCURRENCY);
        Settings.require(embedConcurrency >= 1, EMBED_CONCURRENCY, "must be >= 1");
        int torchThreads = s.integer(TORCH_THREADS);
        Settings.require(torchThreads >= 0, TORCH_THREADS, "must be >= 0");
        int brokerWait = s.integer(BROKER_WAIT_SECONDS);
        Settings.require(brokerWait >= 0, BROKER_WAIT_SECONDS, "must be >= 0");
        int streamThreads = s.integer(STREAM_THREADS);
        Settings.require(streamThreads >= 0, STREAM_THREADS, "must be >= 0");

        LossSpec loss = new LossSpec(s.choice(LOSS, LossKind.class), tau, hardQuantile, hardTopK);
        TrainerSettings trainer = new TrainerSettings(
                new EncoderSpec(channels, imageSize, width, dim),
                loss,
                s.choice(BANK, BankKind.class),
                queue,
                bankCapacity,
                bankMomentum,
                momentum,
                s.choice(OPTIMIZER, OptimizerKind.class),
                lr,
                s.number(WEIGHT_DECAY),
                new StatisticsSettings(anchors, topK, window),
                device,
                s.longValue(SEED),
                torchThreads,
                s.choice(PRECISION, Precision.class));
        return new ServiceConfig(
                s.string(BOOTSTRAP_SERVERS),
                s.string(APPLICATION_ID),
                new TopicNames(
                        s.string(INPUT_TOPIC),
                        s.string(METRICS_TOPIC),
                        s.string(DLQ_TOPIC),
                        s.optionalString(EMBEDDINGS_TOPIC),
                        s.choice(EMBEDDINGS_FORMAT, EmbeddingFormat.class),
                        s.optionalString(PROBE_TOPIC)),
                trainer,
                new SessionSettings(
                        s.string(MODEL_ID),
                        batch,
                        reportEvery,
                        checkpointEvery,
                        maxSteps,
                        probeFraction,
                        probeSize,
                        knnEvery,
                        knnK,
                        drift(s),
                        s.optionalString(EXPORT_DIR) == null ? null : Path.of(s.string(EXPORT_DIR)),
                        exportEvery,
                        s.bool(STEP_THREAD)),
                new ImageLimits(s.integer(MAX_IMAGE_BYTES), s.integer(MAX_IMAGE_SIDE), maxPixels),
                checkpointDir == null ? null : Path.of(checkpointDir),
                keep,
                port,
                new RecordLimits(maxKey, maxDeadLetter),
                new HttpSettings(
                        s.string(HTTP_HOST),
                        s.optionalString(HTTP_TOKEN_FILE) == null ? null : Path.of(s.string(HTTP_TOKEN_FILE)),
                        embedConcurrency),
                brokerWait,
                streamThreads,
                s.kafkaOverrides());
    }

    private static DriftSettings drift(Settings s) {
        try {
            return new DriftSettings(
                    s.number(DRIFT_ALPHA),
                    s.number(DRIFT_ALLOWANCE),
                    s.number(DRIFT_THRESHOLD),
                    s.number(DRIFT_SIGMA_FLOOR),
                    s.integer(DRIFT_WARMUP));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("drift detector: " + e.getMessage());
        }
    }

    /** The same service training with another loss (the sweep's runs). */
    public ServiceConfig withLoss(LossSpec loss) {
        return new ServiceConfig(
                bootstrapServers,
                applicationId,
                topics,
                trainer.withLoss(loss),
                session,
                imageLimits,
                checkpointDir,
                keepCheckpoints,
                metricsPort,
                recordLimits,
                http,
                brokerWaitSeconds,
                streamThreads,
                kafkaOverrides);
    }

    /** A fingerprint of what a checkpoint must fit: architecture and bank shape. */
    public String modelFingerprint() {
        EncoderSpec e = trainer.encoder();
        return "residual-cnn c" + e.channels() + " s" + e.imageSize() + " w" + e.width() + " d" + e.embeddingDim() + " "
                + trainer.bank().name().toLowerCase()
                + (trainer.bank() == BankKind.INSTANCE ? trainer.bankCapacity() : trainer.queueSize());
    }

    /**
     * The stream threads to run: {@code --stream-threads}, or by default the cores that the
     * training step leaves. On a CPU libtorch's intra-op team takes {@code --torch-threads} cores
     * (all by default); on a GPU the trainer thread takes about one.
     */
    public int streamThreads(boolean trainsOnGpu) {
        if (streamThreads > 0) {
            return streamThreads;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int training = trainsOnGpu ? 1 : trainer.torchThreads() > 0 ? trainer.torchThreads() : cores;
        return Math.max(1, cores - training);
    }

    /**
     * Kafka Streams properties: the stream threads that feed the instance's one model, bytes in, a
     * producer that takes every dead letter and batches the embeddings, and the user's pass-through
     * client properties on top. With checkpoints on, offsets are committed after a checkpoint (see
     * TrainProcessor), so the periodic commit is switched off; what a restart reads again is
     * decided by the checkpoint.
     */
    public Properties streamsProperties(int streamThreads) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                recordLimits.producerMaxRequestBytes());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PublishFailureHandler.class);
        // Each step publishes a batch of embeddings (about 100 KB as JSON at batch 64): 256 KB
        // batches, lz4-compressed, take a tenth of the produce requests of the 16 KB default; on
        // the bench's two cores the broker's and the clients' I/O threads then took 2.3% of the
        // machine instead of 4.0-5.1%, and the step got it (docs/PERFORMANCE.md).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        if (checkpointDir != null) {
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.MAX_VALUE);
        }
        p.putAll(kafkaOverrides);
        return p;
    }
}
