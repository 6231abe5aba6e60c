package dev.temppic.expiry.analytics;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Consumer group {@value Topics#GROUP_ANALYTICS}: maintains the anonymous hourly counters described in
 * {@link StatsFields}, counting each event id once.
 */
@Component
@ConditionalOnBooleanProperty(name = "temppic.expiry.consumers.analytics.enabled", matchIfMissing = true)
class AnalyticsEventListener {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsEventListener.class);

    private final StatsCounter counter;
    private final ExpiryProperties properties;

    AnalyticsEventListener(StatsCounter counter, ExpiryProperties properties) {
        this.counter = counter;
        this.properties = properties;
    }

    @KafkaListener(id = "analytics", groupId = Topics.GROUP_ANALYTICS, topics = Topics.IMAGE_EVENTS)
    void onEvent(ConsumerRecord<String, ImageEvent> record) {
        ImageEvent event = record.value();
        if (event == null) {
            return;
        }
        Optional<StatsFields.Increments> increments = StatsFields.incrementsFor(event);
        if (increments.isEmpty()) {
            return;
        }
        boolean counted = counter.count(event.eventId(), increments.get(), properties.deduplicationWindow(),
                properties.statsRetention());
        if (!counted) {
            log.debug("Event {} was counted before; skipping the redelivery", event.eventId());
        }
    }
}
