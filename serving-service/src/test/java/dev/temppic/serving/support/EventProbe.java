package dev.temppic.serving.support;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.model.json.ImageEventDeserializer;
import dev.temppic.model.json.ImageEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Publishes image events as other services do, and records the events on the topic from the moment it is
 * created on, without a consumer group. Not thread-safe.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, ImageEvent> consumer;
    private final KafkaProducer<String, ImageEvent> producer;
    private final List<ImageEvent> seen = new ArrayList<>();

    public EventProbe(ConnectionInfo connection) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ImageEventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.IMAGE_EVENTS, Duration.ofSeconds(30))
                .stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the end offsets now, so later events are never skipped.
        partitions.forEach(consumer::position);

        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ImageEventSerializer());
    }

    /** Publishes an event keyed by its image id and waits for the broker's acknowledgement. */
    public void publish(ImageEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.IMAGE_EVENTS, event.imageId().value(), event))
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * Polls until at least {@code count} recorded events match, or {@code timeout} passes.
     *
     * @return every matching event recorded so far
     */
    public List<ImageEvent> await(Predicate<ImageEvent> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ImageEvent> matching = matching(filter);
        while (matching.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, ImageEvent> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record.value());
            }
            matching = matching(filter);
        }
        return matching;
    }

    /** Polls for {@code duration} and returns every matching event recorded, for checks that nothing more came. */
    public List<ImageEvent> collect(Predicate<ImageEvent> filter, Duration duration) {
        return await(filter, Integer.MAX_VALUE, duration);
    }

    private List<ImageEvent> matching(Predicate<ImageEvent> filter) {
        return seen.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
