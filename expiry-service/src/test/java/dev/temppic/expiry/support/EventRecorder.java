package dev.temppic.expiry.support;

import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.json.EventJson;
import dev.temppic.model.json.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Records every record written to one topic from the moment it starts, on its own thread, without joining a
 * consumer group. Tests filter the records by their own image ids.
 */
public final class EventRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> records = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private EventRecorder(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "expiry-it-recorder-" + topic),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, partition.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the lazy seek now, so records written after this constructor are never skipped.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        thread = new Thread(this::poll, "event-recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts recording {@code topic}. */
    public static EventRecorder start(String bootstrapServers, String topic) {
        return new EventRecorder(bootstrapServers, topic);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // close() ends the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Returns the records recorded so far. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return new ArrayList<>(records);
    }

    /** Returns the readable events recorded so far that match {@code filter}. */
    public List<ImageEvent> events(Predicate<ImageEvent> filter) {
        List<ImageEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                ImageEvent event = EventJson.fromBytes(record.value());
                if (filter.test(event)) {
                    events.add(event);
                }
            } catch (InvalidEventException e) {
                // Not an event; the dead-letter tests look at raw records.
            }
        }
        return events;
    }

    /** Returns the {@link ImageDeleted} events recorded so far for any of {@code objectKeys}. */
    public List<ImageDeleted> deletedEvents(Collection<String> objectKeys) {
        List<ImageDeleted> deleted = new ArrayList<>();
        for (ImageEvent event : events(event -> event instanceof ImageDeleted d && objectKeys.contains(d.objectKey()))) {
            deleted.add((ImageDeleted) event);
        }
        return deleted;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
