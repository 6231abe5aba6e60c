package dev.temppic.infra.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.temppic.model.events.Topics;

/** Creates and checks the TempPic topics with the Kafka Admin API. */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /**
     * Returns the topics every TempPic node needs, by name, with their partition counts.
     *
     * <p>The dead-letter topic has as many partitions as the source topic because Spring Kafka's
     * DeadLetterPublishingRecoverer publishes a failed record to the same partition number it came from.
     */
    public static Map<String, Integer> requiredTopics() {
        return Map.of(
                Topics.IMAGE_EVENTS, Topics.IMAGE_EVENTS_PARTITIONS,
                Topics.IMAGE_EVENTS_DLT, Topics.IMAGE_EVENTS_PARTITIONS);
    }

    /** Returns whether the cluster at {@code bootstrapServers} lists at least one node within {@code timeout}. */
    public static boolean describeCluster(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties(bootstrapServers, timeout))) {
            int timeoutMs = (int) timeout.toMillis();
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /**
     * Creates each required topic that does not exist (replication factor 1), and raises the partition count of
     * an existing topic that has fewer partitions than required. Safe to run on every start.
     *
     * @throws ServerStartException if the topics are still not as required when {@code timeout} runs out
     */
    public static void ensureTopics(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        try (Admin admin = Admin.create(adminProperties(bootstrapServers, Duration.ofSeconds(10)))) {
            while (System.nanoTime() - deadline < 0) {
                try {
                    ensureTopics(admin);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    // Right after start the node can still be catching up on its metadata log; try again.
                    lastError = e;
                    ProcessServer.sleep(Duration.ofMillis(300));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServerStartException("Interrupted while creating Kafka topics", e);
                }
            }
        }
        throw new ServerStartException("Creating Kafka topics " + requiredTopics().keySet() + " on "
                + bootstrapServers + " failed within " + timeout.toSeconds() + " s: " + lastError, lastError);
    }

    private static void ensureTopics(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Integer> required = requiredTopics();
        List<NewTopic> newTopics = required.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                .toList();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(newTopics).values().entrySet()) {
            try {
                result.getValue().get(10, TimeUnit.SECONDS);
                LOG.info("Created Kafka topic {} with {} partitions", result.getKey(), required.get(result.getKey()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }

        Map<String, TopicDescription> descriptions = admin.describeTopics(required.keySet())
                .allTopicNames().get(10, TimeUnit.SECONDS);
        Map<String, NewPartitions> increases = new HashMap<>();
        descriptions.forEach((name, description) -> {
            int requiredCount = required.get(name);
            if (description.partitions().size() < requiredCount) {
                increases.put(name, NewPartitions.increaseTo(requiredCount));
            }
        });
        if (!increases.isEmpty()) {
            admin.createPartitions(increases).all().get(10, TimeUnit.SECONDS);
            LOG.info("Raised the partition count of Kafka topics {}", increases.keySet());
        }
    }

    private static Properties adminProperties(String bootstrapServers, Duration requestTimeout) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "temppic-local-infra");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        // Short back-off, so a health check right after the listener opens does not wait for the 1 s default.
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return properties;
    }
}
