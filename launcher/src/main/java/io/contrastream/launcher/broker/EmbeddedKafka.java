package io.contrastream.launcher.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) running inside this
 * JVM from the kafka_2.13 jars: storage formatted with {@code StorageTool --standalone}, then a
 * {@link KafkaRaftServer}. For the demo, the benchmark and integration tests; not for production.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteOnClose, int port) {
        this.server = server;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /**
     * Formats storage and starts the broker, waiting until it answers.
     *
     * @param port client port, 0 for any free one
     * @param logDir where the log lives; null for a temporary folder deleted on close
     */
    public static EmbeddedKafka start(int port, Path logDir) throws IOException {
        boolean temporary = logDir == null;
        Path dir = temporary ? Files.createTempDirectory("contrastream-kafka-") : logDir;
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        props.put("log.dirs", dir.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "embedded contrastream broker");
        }
        if (!Files.exists(dir.resolve("meta.properties"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = StorageTool.execute(
                    new String[] {
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"
                    },
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("formatting Kafka storage failed: " + log.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, clientPort);
        kafka.awaitReady(Duration.ofSeconds(60));
        return kafka;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("broker did not answer within " + timeout, e);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topics that do not exist yet (1 replica). */
    public void createTopics(int partitions, Collection<String> names) {
        TopicSetup.createMissing(bootstrapServers(), new Properties(), partitions, names);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
