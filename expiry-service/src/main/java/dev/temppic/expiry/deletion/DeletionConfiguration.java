package dev.temppic.expiry.deletion;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/** Creates the deleter and its thread unless {@code temppic.expiry.deleter.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "temppic.expiry.deleter.enabled", matchIfMissing = true)
class DeletionConfiguration {

    @Bean
    Deleter deleter(ExpirySchedule schedule, ObjectRemover remover, DeletionPublisher publisher, StringRedisTemplate redis,
                    DeletionMetrics metrics, ExpiryProperties properties, Clock clock) {
        return new Deleter(schedule, remover, publisher, redis, metrics, properties.deleter(), clock);
    }

    @Bean
    DeleterLoop deleterLoop(Deleter deleter, ExpirySchedule schedule, DeletionMetrics metrics, ExpiryProperties properties,
                            Clock clock) {
        return new DeleterLoop(deleter, schedule, metrics, properties.deleter(), clock);
    }
}
