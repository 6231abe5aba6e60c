package dev.temppic.serving.events;

import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.json.ImageEventDeserializer;
import dev.temppic.model.json.ImageEventSerializer;
import dev.temppic.serving.image.ImageLookup;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.Map;
import java.util.UUID;

/**
 * Kafka clients of serving-service. The settings that the design depends on are fixed here in code, on
 * top of {@code spring.kafka.*}, so that configuration cannot weaken them.
 */
@Configuration(proxyBeanMethods = false)
class KafkaEventsConfiguration {

    /** Container factory of {@link CacheEvictionListener}. */
    static final String CACHE_EVICTION_FACTORY = "cacheEvictionListenerFactory";

    /** Prefix of this instance's consumer group; the rest is random per start. */
    static final String CACHE_EVICTION_GROUP_PREFIX = "temppic-serving-cache-";

    /** Maximum time in milliseconds that {@code send} blocks the publisher thread for metadata or buffer space. */
    static final int MAX_BLOCK_MS = 2_000;

    /** Time in milliseconds after which an unacknowledged event is given up and counted as dropped. */
    static final int DELIVERY_TIMEOUT_MS = 30_000;

    private static final Logger log = LoggerFactory.getLogger(KafkaEventsConfiguration.class);

    /** Producer: idempotent with {@code acks=all}, as every producer of image events. */
    @Bean
    ProducerFactory<String, ImageEvent> imageEventProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ImageEventSerializer());
    }

    @Bean
    KafkaTemplate<String, ImageEvent> imageEventKafkaTemplate(ProducerFactory<String, ImageEvent> producerFactory) {
        KafkaTemplate<String, ImageEvent> template = new KafkaTemplate<>(producerFactory);
        // ImageEventPublisher counts and logs failed sends, rate-limited. The default listener would log
        // every failure with its payload and stack trace.
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    /**
     * Consumer for cache eviction. Every instance must see every deletion event, so each start joins a
     * consumer group of its own, reads from the latest offset and never commits offsets. A group without
     * committed offsets is removed by the broker once its only member leaves.
     */
    @Bean(CACHE_EVICTION_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, ImageEvent> cacheEvictionListenerFactory(
            KafkaProperties kafka, ImageLookup lookup) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        String groupId = CACHE_EVICTION_GROUP_PREFIX + UUID.randomUUID();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        DefaultKafkaConsumerFactory<String, ImageEvent> consumerFactory = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new ImageEventDeserializer()));

        ConcurrentKafkaListenerContainerFactory<String, ImageEvent> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(1);
        // MANUAL without ever acknowledging: the container commits nothing.
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setConsumerRebalanceListener(new EvictionFeedRebalanceListener(lookup));
        // A record that cannot be read is logged and skipped. A dead-letter copy from every instance would
        // only duplicate what the other consumer groups already report.
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, e) -> log.warn("Skipped unreadable image event at {}-{}@{}: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage()),
                new FixedBackOff(0L, 0L)));
        log.info("Cache eviction consumer group: {}", groupId);
        return factory;
    }
}
