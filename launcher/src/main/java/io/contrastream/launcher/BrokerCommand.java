package io.contrastream.launcher;

import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.launcher.broker.EmbeddedKafka;
import io.contrastream.wire.TopicSetup;
import io.contrastream.wire.Topics;
import java.nio.file.Path;
import java.util.List;

/** {@code contrastream broker}: a real single-node KRaft broker in the foreground. */
final class BrokerCommand implements Command {

    static final Setting PORT = Setting.of("port", "9092", "client port (0 = any free port)");
    static final Setting LOG_DIR = Setting.optional(
            "log-dir", "where the broker keeps its log (default: a temporary folder, deleted on exit)");
    static final Setting CREATE_TOPICS =
            Setting.of("create-topics", "true", "create image-pairs, contrastive-metrics and image-pairs-dlq");

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public String summary() {
        return "Runs a single-node Kafka broker (KRaft, from the Kafka jars) until Ctrl-C. Point"
                + " 'produce' and 'train', or any Kafka client such as kcat, at it.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(PORT, LOG_DIR, CREATE_TOPICS);
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        String dir = s.optionalString(LOG_DIR);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(s.integer(PORT), dir == null ? null : Path.of(dir))) {
            if (s.bool(CREATE_TOPICS)) {
                kafka.createTopics(
                        TopicSetup.defaultPartitions(),
                        List.of(Topics.IMAGE_PAIRS, Topics.METRICS, Topics.DEAD_LETTERS));
            }
            System.out.println("broker ready at " + kafka.bootstrapServers() + " (Ctrl-C stops it)");
            while (!shutdown.await(1000)) {
                // serve until asked to stop
            }
            System.out.println("stopping broker");
        }
        return 0;
    }
}
