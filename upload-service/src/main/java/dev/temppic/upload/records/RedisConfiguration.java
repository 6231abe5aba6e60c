package dev.temppic.upload.records;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Lettuce settings for the request path. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    /**
     * Fails commands at once while the connection to Redis is down, instead of queueing them until the command
     * timeout, so an upload or deletion gets its 503 response without waiting. Lettuce still reconnects in the background.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Retries a lost connection after 50 ms, doubling up to 2 s, instead of Lettuce's default maximum of 30 s, so
     * the service takes requests again within about 2 s of Redis coming back.
     */
    @Bean
    ClientResourcesBuilderCustomizer fastReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
