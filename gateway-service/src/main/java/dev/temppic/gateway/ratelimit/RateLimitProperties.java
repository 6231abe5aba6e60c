package dev.temppic.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token-bucket limits per client, bound from {@code temppic.gateway.rate-limit.*}.
 *
 * @param uploads   limit shared by uploads and deletions, the requests that write
 * @param views     limit on reading images, their metadata and the usage figures
 * @param keySecret secret from which each day's key for hashing client addresses is derived. When it is unset, each
 *                  gateway instance draws a random key per UTC day and keeps it only in memory.
 */
@ConfigurationProperties("temppic.gateway.rate-limit")
public record RateLimitProperties(Limit uploads, Limit views, @Nullable String keySecret) {

    public RateLimitProperties {
        if (uploads == null) {
            uploads = new Limit(1, 100, 5, RedisErrorPolicy.REJECT);
        }
        if (views == null) {
            views = new Limit(20, 200, 1, RedisErrorPolicy.ALLOW);
        }
        if (keySecret != null && keySecret.isBlank()) {
            keySecret = null;
        }
        if (keySecret != null && keySecret.length() < 32) {
            throw new IllegalArgumentException("temppic.gateway.rate-limit.key-secret is too short: use at least 32"
                    + " random characters, or leave it unset for a random in-memory key per day");
        }
    }

    /**
     * One token bucket per client and route, as {@code RedisRateLimiter} of Spring Cloud Gateway 5.0 implements it.
     * A client may send {@code replenishRate / requestedTokens} requests per second on average and
     * {@code burstCapacity / requestedTokens} at once. Its rates are whole tokens per second, so a limit below one
     * request per second takes several tokens per request: 1 token per second at 5 tokens per request is one request
     * every 5 seconds.
     *
     * @param replenishRate   tokens added to the bucket per second
     * @param burstCapacity   maximum number of tokens in the bucket
     * @param requestedTokens tokens one request takes
     * @param onRedisError    what to do with a request while Redis cannot be asked
     */
    public record Limit(int replenishRate, long burstCapacity, int requestedTokens, RedisErrorPolicy onRedisError) {

        public Limit {
            if (replenishRate < 1) {
                throw new IllegalArgumentException("Rate limit replenish-rate must be at least 1 token per second, got "
                        + replenishRate);
            }
            if (requestedTokens < 1) {
                requestedTokens = 1;
            }
            if (burstCapacity < Math.max(replenishRate, requestedTokens)) {
                throw new IllegalArgumentException("Rate limit burst-capacity (" + burstCapacity
                        + ") must be at least the replenish-rate (" + replenishRate + ") and the requested-tokens ("
                        + requestedTokens + ")");
            }
            if (onRedisError == null) {
                onRedisError = RedisErrorPolicy.ALLOW;
            }
        }
    }

    /** Behaviour of a limiter while Redis is down or slower than the Lettuce command timeout. */
    public enum RedisErrorPolicy {
        /** Fail open: forward the request unlimited. */
        ALLOW,
        /** Fail closed: respond with 503 and {@code Retry-After}. */
        REJECT
    }
}
