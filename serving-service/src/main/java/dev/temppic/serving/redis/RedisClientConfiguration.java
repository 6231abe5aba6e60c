package dev.temppic.serving.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes a Redis outage cost a request milliseconds instead of the full command timeout, and makes the
 * connection come back soon after Redis does. Timeouts themselves are {@code spring.data.redis.timeout}
 * and {@code connect-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /** Maximum delay between Lettuce reconnect attempts. Lettuce's default of 30 s would prolong 503s that long. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Fails commands at once while disconnected instead of queueing them until the command timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer shortReconnectDelay() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
    }
}
