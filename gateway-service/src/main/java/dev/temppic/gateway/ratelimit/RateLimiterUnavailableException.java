package dev.temppic.gateway.ratelimit;

/** Thrown for a request whose limiter rejects traffic while Redis cannot be asked. */
public class RateLimiterUnavailableException extends RuntimeException {

    public RateLimiterUnavailableException(String limiterName) {
        super("Rate limiter '" + limiterName + "' cannot reach Redis and rejects requests until it can");
    }
}
