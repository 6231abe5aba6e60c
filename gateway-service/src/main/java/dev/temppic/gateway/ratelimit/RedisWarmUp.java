package dev.temppic.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Opens the Redis connection and loads the token-bucket script before the gateway reports itself ready.
 *
 * <p>Without this, the first rate-limit check after a start pays for the connection setup and the script upload
 * within the Redis command timeout ({@code spring.data.redis.timeout}, 500 ms by default). On a busy machine that
 * made the first upload fail closed with 503.
 */
@Component
public class RedisWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;

    public RedisWarmUp(ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script) {
        this.redis = redis;
        this.script = script;
    }

    /** Runs while Spring Boot still reports the readiness state as refusing traffic. */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        ByteBuffer source = ByteBuffer.wrap(script.getScriptAsString().getBytes(StandardCharsets.UTF_8));
        try {
            redis.execute(connection -> connection.ping()
                            .then(connection.scriptingCommands().scriptLoad(source)))
                    .then(Mono.just(true))
                    .block(TIMEOUT);
            log.info("Redis connection for the rate limiter is open");
        } catch (RuntimeException e) {
            // Not fatal: readiness reports Redis as down, and the limiters apply their Redis-error policy.
            log.warn("Failed to open the Redis connection for the rate limiter within {}: {}", TIMEOUT, e.toString());
        }
    }
}
