package io.contrastream.wire;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a command needs when they are missing, on any cluster. */
public final class TopicSetup {

    private TopicSetup() {}

    /**
     * Partitions of the topics the commands create: one per core of this machine, so that the
     * service's stream threads, as many as the cores allow, each have partitions to read.
     */
    public static int defaultPartitions() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Creates each missing topic with {@code partitions} partitions and the broker's default
     * replication factor; existing topics are left as they are.
     *
     * @return the topics it created
     */
    public static List<String> createMissing(
            String bootstrap, Properties clientOverrides, int partitions, Collection<String> names) {
        return createMissing(bootstrap, clientOverrides, partitions, names, Set.of());
    }

    /**
     * As {@link #createMissing(String, Properties, int, Collection)}, the topics named in
     * {@code compacted} with {@code cleanup.policy=compact} (a table keyed by id, like the probe
     * topic: the latest record per key is what counts).
     */
    public static List<String> createMissing(
            String bootstrap,
            Properties clientOverrides,
            int partitions,
            Collection<String> names,
            Set<String> compacted) {
        Properties p = new Properties();
        p.putAll(clientOverrides);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> missing =
                    names.stream().filter(n -> !existing.contains(n)).distinct().toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing.stream()
                                .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())
                                        .configs(
                                                compacted.contains(n)
                                                        ? Map.of(
                                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                                TopicConfig.CLEANUP_POLICY_COMPACT)
                                                        : Map.of()))
                                .toList())
                        .all()
                        .get();
            }
            return missing;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return List.of(); // created concurrently by someone else: fine
            }
            throw new IllegalStateException(
                    "cannot create topics " + names + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
