package dev.temppic.gateway.ratelimit;

import dev.temppic.gateway.ratelimit.RateLimitProperties.Limit;
import dev.temppic.gateway.ratelimit.RateLimitProperties.RedisErrorPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RedisRateLimiter} token bucket with an explicit policy for Redis errors and a {@code Retry-After} header on
 * rejections.
 *
 * <p>{@link RedisRateLimiter} (Spring Cloud Gateway 5.0) catches every Redis error itself, allows the request and
 * reports {@code -1} remaining tokens. This class treats that {@code -1} as "Redis could not be asked" and applies the
 * configured {@link RedisErrorPolicy}. It passes on only {@code X-RateLimit-Remaining} of the delegate's headers.
 */
public class PolicyRateLimiter implements RateLimiter<Object> {

    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING = RedisRateLimiter.REMAINING_HEADER;

    private static final Logger log = LoggerFactory.getLogger(PolicyRateLimiter.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final String name;
    private final RedisRateLimiter delegate;
    private final Limit limit;
    private final Counter redisErrors;
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong errorsSinceLog = new AtomicLong();

    PolicyRateLimiter(String name, RedisRateLimiter delegate, Limit limit, MeterRegistry meters) {
        this.name = name;
        this.delegate = delegate;
        this.limit = limit;
        this.redisErrors = Counter.builder("temppic.gateway.rate.limiter.redis.errors")
                .description("Requests whose rate limit could not be checked because Redis failed or timed out")
                .tag("limiter", name)
                .register(meters);
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return delegate.isAllowed(routeId, id).map(this::applyPolicy);
    }

    private Response applyPolicy(Response response) {
        String remainingHeader = response.getHeaders().get(REMAINING);
        long remaining = remainingHeader == null ? -1 : Long.parseLong(remainingHeader);
        if (remaining < 0) {
            recordRedisError();
            if (limit.onRedisError() == RedisErrorPolicy.REJECT) {
                throw new RateLimiterUnavailableException(name);
            }
            return new Response(true, Map.of());
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(REMAINING, Long.toString(remaining));
        if (!response.isAllowed()) {
            headers.put(RETRY_AFTER, Long.toString(secondsUntilNextToken(remaining)));
        }
        return new Response(response.isAllowed(), headers);
    }

    /** Whole seconds until the bucket again contains the tokens one request takes, at least 1. */
    long secondsUntilNextToken(long remaining) {
        long missing = Math.max(0, limit.requestedTokens() - remaining);
        return Math.max(1, (missing + limit.replenishRate() - 1) / limit.replenishRate());
    }

    private void recordRedisError() {
        redisErrors.increment();
        long count = errorsSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            errorsSinceLog.set(0);
            log.warn("Rate limiter '{}' could not reach Redis for {} request(s) in the last minute and applied policy"
                    + " {}. Lettuce logs the connection error itself.", name, count, limit.onRedisError());
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }
}
