package dev.temppic.expiry.events;

import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.model.json.ImageEventSerializer;
import dev.temppic.model.json.InvalidEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topics, dead-letter publishing and error handling of the three consumer groups.
 *
 * <p>Values are read with Spring Kafka's {@code ErrorHandlingDeserializer} around
 * {@code ImageEventDeserializer} (see {@code spring.kafka.consumer} in application.yml), so an unreadable
 * record reaches the error handler instead of failing the poll. The error handler then:
 *
 * <ul>
 *   <li>sends unreadable and invalid records (deserialization errors, {@link InvalidEventException},
 *       {@link IllegalArgumentException}) to {@value Topics#IMAGE_EVENTS_DLT} at once, because a retry cannot
 *       succeed;</li>
 *   <li>retries records that failed because Redis is unreachable or slow without limit, with waits growing
 *       from 1 s to 30 s, because sending them to the dead-letter topic would lose deletions;</li>
 *   <li>retries other failures 3 times (after 0.5 s, 1 s, 2 s) and then sends them to the dead-letter topic.</li>
 * </ul>
 *
 * The partition stays blocked while one record is retried, which keeps each image's events in order.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic imageEventsTopic() {
        return TopicBuilder.name(Topics.IMAGE_EVENTS).partitions(Topics.IMAGE_EVENTS_PARTITIONS).build();
    }

    @Bean
    NewTopic imageEventsDeadLetterTopic() {
        return TopicBuilder.name(Topics.IMAGE_EVENTS_DLT).partitions(Topics.IMAGE_EVENTS_PARTITIONS).build();
    }

    /**
     * Producer for the dead-letter topic. It writes the raw bytes of unreadable records and the JSON of
     * readable ones. It is not a {@link ProducerFactory} bean, so Spring Boot still creates its own producer
     * factory and {@link KafkaTemplate}.
     */
    @Bean(destroyMethod = "destroy")
    DeadLetterProducer deadLetterProducer(ProducerFactory<?, ?> producerFactory) {
        Map<Class<?>, Serializer<?>> valueSerializers = new LinkedHashMap<>();
        valueSerializers.put(byte[].class, new ByteArraySerializer());
        valueSerializers.put(ImageEvent.class, new ImageEventSerializer());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(
                producerFactory.getConfigurationProperties(), new StringSerializer(),
                new DelegatingByTypeSerializer(valueSerializers, true));
        return new DeadLetterProducer(factory, new KafkaTemplate<>(factory));
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(DeadLetterProducer deadLetterProducer) {
        // Partition -1 lets the producer choose by record key, so the dead-letter topic may have any number of
        // partitions.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterProducer.template(),
                (record, exception) -> new TopicPartition(Topics.IMAGE_EVENTS_DLT, -1));
        ExponentialBackOff limited = new ExponentialBackOff(500, 2.0);
        limited.setMaxAttempts(3);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, limited);
        handler.addNotRetryableExceptions(InvalidEventException.class, IllegalArgumentException.class);
        handler.setBackOffFunction((record, exception) -> isOutage(exception) ? outageBackOff() : null);
        return handler;
    }

    private static BackOff outageBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    /** Returns whether the failure is Redis being unreachable or timing out, anywhere in the cause chain. */
    static boolean isOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The dead-letter producer factory and its template; destroying it closes the producer. */
    record DeadLetterProducer(DefaultKafkaProducerFactory<String, Object> factory, KafkaTemplate<String, Object> template) {

        void destroy() {
            factory.destroy();
        }
    }
}
