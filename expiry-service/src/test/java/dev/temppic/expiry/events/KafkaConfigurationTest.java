package dev.temppic.expiry.events;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigurationTest {

    @Test
    void redisConnectionFailureIsOutage() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new RedisConnectionFailureException("Unable to connect to Redis"));

        assertThat(KafkaConfiguration.isOutage(failure)).isTrue();
    }

    @Test
    void redisTimeoutIsOutage() {
        assertThat(KafkaConfiguration.isOutage(new QueryTimeoutException("Redis command timed out"))).isTrue();
    }

    @Test
    void invalidEventIsNoOutage() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new IllegalArgumentException("Invalid object key"));

        assertThat(KafkaConfiguration.isOutage(failure)).isFalse();
    }
}
