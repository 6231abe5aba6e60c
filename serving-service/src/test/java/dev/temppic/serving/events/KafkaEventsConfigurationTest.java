package dev.temppic.serving.events;

import dev.temppic.model.events.ImageEvent;
import dev.temppic.serving.image.ImageLookup;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class KafkaEventsConfigurationTest {

    private final KafkaEventsConfiguration configuration = new KafkaEventsConfiguration();

    @Test
    void producerIsIdempotentWithBoundedBlocking() {
        KafkaProperties properties = new KafkaProperties();
        // Configuration must not be able to weaken these settings.
        properties.getProducer().setAcks("1");
        properties.getProperties().put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.getProperties().put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");

        Map<String, Object> config = configuration.imageEventProducerFactory(properties).getConfigurationProperties();

        assertThat(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo(true);
        assertThat(config.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo(KafkaEventsConfiguration.MAX_BLOCK_MS);
    }

    @Test
    void evictionConsumerUsesOwnGroup() {
        ConcurrentKafkaListenerContainerFactory<String, ImageEvent> first =
                configuration.cacheEvictionListenerFactory(new KafkaProperties(), mock(ImageLookup.class));
        ConcurrentKafkaListenerContainerFactory<String, ImageEvent> second =
                configuration.cacheEvictionListenerFactory(new KafkaProperties(), mock(ImageLookup.class));

        Map<String, Object> config = first.getConsumerFactory().getConfigurationProperties();
        Map<String, Object> otherConfig = second.getConsumerFactory().getConfigurationProperties();

        assertThat((String) config.get(ConsumerConfig.GROUP_ID_CONFIG))
                .startsWith(KafkaEventsConfiguration.CACHE_EVICTION_GROUP_PREFIX)
                .isNotEqualTo(otherConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertThat(config.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("latest");
        assertThat(config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo(false);
        assertThat(first.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.MANUAL);
    }
}
