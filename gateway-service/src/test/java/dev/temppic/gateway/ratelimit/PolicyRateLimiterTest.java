package dev.temppic.gateway.ratelimit;

import dev.temppic.gateway.ratelimit.RateLimitProperties.Limit;
import dev.temppic.gateway.ratelimit.RateLimitProperties.RedisErrorPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyRateLimiterTest {

    @Test
    void retryAfterCoversMissingTokens() {
        PolicyRateLimiter uploads = limiter(new Limit(1, 100, 5, RedisErrorPolicy.REJECT), Map.of());
        PolicyRateLimiter views = limiter(new Limit(20, 200, 1, RedisErrorPolicy.ALLOW), Map.of());

        assertThat(uploads.secondsUntilNextToken(0)).isEqualTo(5);
        assertThat(uploads.secondsUntilNextToken(3)).isEqualTo(2);
        assertThat(views.secondsUntilNextToken(0)).isEqualTo(1);
    }

    @Test
    void rejectionCarriesRetryAfter() {
        PolicyRateLimiter limiter = limiter(new Limit(1, 100, 5, RedisErrorPolicy.REJECT),
                Map.of(RedisRateLimiter.REMAINING_HEADER, "2"), false);

        Response response = limiter.isAllowed("upload", "key").block();

        assertThat(response.isAllowed()).isFalse();
        assertThat(response.getHeaders()).containsEntry("Retry-After", "3").containsEntry("X-RateLimit-Remaining", "2");
    }

    @Test
    void redisErrorRejectsWhenFailClosed() {
        PolicyRateLimiter limiter = limiter(new Limit(1, 100, 5, RedisErrorPolicy.REJECT),
                Map.of(RedisRateLimiter.REMAINING_HEADER, "-1"), true);

        assertThatThrownBy(() -> limiter.isAllowed("upload", "key").block())
                .isInstanceOf(RateLimiterUnavailableException.class);
    }

    @Test
    void redisErrorAllowsWhenFailOpen() {
        PolicyRateLimiter limiter = limiter(new Limit(20, 200, 1, RedisErrorPolicy.ALLOW),
                Map.of(RedisRateLimiter.REMAINING_HEADER, "-1"), true);

        Response response = limiter.isAllowed("image-bytes", "key").block();

        assertThat(response.isAllowed()).isTrue();
        assertThat(response.getHeaders()).isEmpty();
    }

    @Test
    void invalidLimitsRejected() {
        assertThatThrownBy(() -> new Limit(0, 10, 1, null)).hasMessageContaining("at least 1 token per second");
        assertThatThrownBy(() -> new Limit(1, 4, 5, null)).hasMessageContaining("burst-capacity (4)");
    }

    private static PolicyRateLimiter limiter(Limit limit, Map<String, String> headers) {
        return limiter(limit, headers, true);
    }

    private static PolicyRateLimiter limiter(Limit limit, Map<String, String> headers, boolean allowed) {
        RedisRateLimiter delegate = new RedisRateLimiter(limit.replenishRate(), limit.burstCapacity(),
                limit.requestedTokens()) {
            @Override
            public Mono<Response> isAllowed(String routeId, String id) {
                return Mono.just(new Response(allowed, headers));
            }
        };
        return new PolicyRateLimiter("test", delegate, limit, new SimpleMeterRegistry());
    }
}
