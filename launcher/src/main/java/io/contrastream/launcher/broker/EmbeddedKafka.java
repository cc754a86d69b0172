package io.contrastream.launcher.broker;

import io.contrastream.wire.TopicSetup;
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
import java.util.Set;
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

    /** Keys of server.properties that remember the ports for a restart on the same log. */
    private static final String CLIENT_PORT = "contrastream.client.port";

    private static final String CONTROLLER_PORT = "contrastream.controller.port";

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
     * Formats storage (unless the folder holds a broker's log already) and starts the broker,
     * waiting until it answers. A broker restarted on its own log folder keeps its ports: the
     * controller's address is part of the formatted quorum, and clients expect the old address.
     *
     * @param port client port, 0 for any free one (or the one it had, on a restart)
     * @param logDir where the log lives, created if missing; null for a temporary folder deleted
     *     on close
     */
    public static EmbeddedKafka start(int port, Path logDir) throws IOException {
        boolean temporary = logDir == null;
        Path dir = temporary ? Files.createTempDirectory("contrastream-kafka-") : Files.createDirectories(logDir);
        Properties previous = new Properties();
        Path config = dir.resolve("server.properties");
        if (Files.exists(config)) {
            try (var in = Files.newInputStream(config)) {
                previous.load(in);
            }
        }
        int clientPort = port != 0
                ? port
                : previous.containsKey(CLIENT_PORT) ? Integer.parseInt(previous.getProperty(CLIENT_PORT)) : freePort();
        int controllerPort = previous.containsKey(CONTROLLER_PORT)
                ? Integer.parseInt(previous.getProperty(CONTROLLER_PORT))
                : freePort();
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
        Properties stored = new Properties();
        stored.putAll(props);
        stored.put(CLIENT_PORT, Integer.toString(clientPort));
        stored.put(CONTROLLER_PORT, Integer.toString(controllerPort));
        try (var out = Files.newOutputStream(config)) {
            stored.store(out, "embedded contrastream broker");
        }
        if (!Files.exists(dir.resolve("meta.properties"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"
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
        createTopics(partitions, names, Set.of());
    }

    /** Creates the missing topics, {@code compacted} ones with {@code cleanup.policy=compact}. */
    public void createTopics(int partitions, Collection<String> names, Set<String> compacted) {
        TopicSetup.createMissing(bootstrapServers(), new Properties(), partitions, names, compacted);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
