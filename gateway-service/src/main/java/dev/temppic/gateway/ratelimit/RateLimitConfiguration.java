package dev.temppic.gateway.ratelimit;

import dev.temppic.gateway.address.ClientAddressResolver;
import dev.temppic.gateway.ratelimit.RateLimitProperties.Limit;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;

/**
 * Rate-limiter beans that the routes in {@code application.yml} refer to by name: {@code uploadRateLimiter},
 * {@code viewRateLimiter} and {@code clientKeyResolver}.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    HashedClientKeyResolver clientKeyResolver(ClientAddressResolver addresses, RateLimitProperties properties) {
        return new HashedClientKeyResolver(addresses, new DailyKeyring(properties.keySecret(), Clock.systemUTC()));
    }

    @Bean
    PolicyRateLimiter uploadRateLimiter(RateLimitProperties properties, ApplicationContext context,
            MeterRegistry meters) {
        return limiter("uploads", properties.uploads(), context, meters);
    }

    /** Primary only because the RequestRateLimiter filter factory needs one default; every route names its own. */
    @Bean
    @Primary
    PolicyRateLimiter viewRateLimiter(RateLimitProperties properties, ApplicationContext context,
            MeterRegistry meters) {
        return limiter("views", properties.views(), context, meters);
    }

    /**
     * Fails Redis commands at once while the connection is down, instead of queueing them until the command timeout
     * ({@code spring.data.redis.timeout}) expires. A rate-limit check then costs at most that timeout when Redis hangs
     * and almost nothing when it is known to be down.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    private static PolicyRateLimiter limiter(String name, Limit limit, ApplicationContext context,
            MeterRegistry meters) {
        RedisRateLimiter delegate = new RedisRateLimiter(limit.replenishRate(), limit.burstCapacity(),
                limit.requestedTokens());
        // Not a bean of its own, so it is handed the Redis template and the token-bucket script here.
        delegate.setApplicationContext(context);
        return new PolicyRateLimiter(name, delegate, limit, meters);
    }
}
