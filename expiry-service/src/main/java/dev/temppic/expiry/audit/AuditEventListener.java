package dev.temppic.expiry.audit;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Consumer group {@value Topics#GROUP_AUDIT}: writes one JSON line per lifecycle event (see {@link AuditLine})
 * to the logger {@value #AUDIT_LOGGER}, which {@code logback-spring.xml} sends to its own daily rolling file
 * kept 30 days.
 *
 * <p>Each event id is written once: after writing a line, the consumer sets a marker
 * {@code audit:seen:{eventId}} with a TTL of {@code temppic.expiry.deduplication-window}, and skips events
 * whose marker exists. A crash between the line and the marker repeats the line on redelivery (with the
 * same event id) rather than losing it. One partition is read by one consumer of the group at a time, so
 * the check and the marker need no atomic step.
 */
@Component
@ConditionalOnBooleanProperty(name = "temppic.expiry.consumers.audit.enabled", matchIfMissing = true)
class AuditEventListener {

    /** Name of the logger whose output is the audit trail. */
    static final String AUDIT_LOGGER = "temppic.audit";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final Logger log = LoggerFactory.getLogger(AuditEventListener.class);
    private static final String SEEN_PREFIX = "audit:seen:";

    private final StringRedisTemplate redis;
    private final ExpiryProperties properties;
    private final Clock clock;

    AuditEventListener(StringRedisTemplate redis, ExpiryProperties properties, AuditProperties auditProperties,
                       Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        log.info("Audit trail is written to {}", auditProperties.directory().toAbsolutePath());
    }

    @KafkaListener(id = "audit", groupId = Topics.GROUP_AUDIT, topics = Topics.IMAGE_EVENTS)
    void onEvent(ConsumerRecord<String, ImageEvent> record) {
        ImageEvent event = record.value();
        if (event == null) {
            return;
        }
        Optional<String> line = AuditLine.format(event, clock.instant());
        if (line.isEmpty()) {
            return;
        }
        String seenKey = SEEN_PREFIX + event.eventId();
        if (Boolean.TRUE.equals(redis.hasKey(seenKey))) {
            log.debug("Event {} was audited before; skipping the redelivery", event.eventId());
            return;
        }
        audit.info(line.get());
        redis.opsForValue().set(seenKey, "1", properties.deduplicationWindow());
    }
}
