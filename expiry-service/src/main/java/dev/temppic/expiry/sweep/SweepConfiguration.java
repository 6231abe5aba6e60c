package dev.temppic.expiry.sweep;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.deletion.DeletionMetrics;
import dev.temppic.expiry.deletion.DeletionPublisher;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.model.service.StoreProperties;
import io.minio.MinioClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/** Creates the backstop sweep unless {@code temppic.expiry.sweep.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "temppic.expiry.sweep.enabled", matchIfMissing = true)
class SweepConfiguration {

    @Bean
    BackstopSweeper backstopSweeper(MinioClient minio, StoreProperties store, ObjectRemover remover,
                                    ExpirySchedule schedule, DeletionPublisher publisher, DeletionMetrics metrics,
                                    StringRedisTemplate redis, ExpiryProperties properties, Clock clock) {
        return new BackstopSweeper(minio, store, remover, schedule, publisher, metrics, redis, properties.sweep(),
                properties.deleter().publishTimeout(), clock);
    }

    @Bean
    LifecycleRuleInstaller lifecycleRuleInstaller(MinioClient minio, StoreProperties store) {
        return new LifecycleRuleInstaller(minio, store);
    }

    @Bean
    SweepLoop sweepLoop(BackstopSweeper sweeper, LifecycleRuleInstaller lifecycleRule, ExpiryProperties properties) {
        return new SweepLoop(sweeper, lifecycleRule, properties.sweep());
    }
}
