package dev.temppic.expiry.deletion;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void delayDoublesPerAttempt() {
        assertThat(backoff.delayMillis(1)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(2)).isEqualTo(2_000);
        assertThat(backoff.delayMillis(3)).isEqualTo(4_000);
        assertThat(backoff.delayMillis(6)).isEqualTo(32_000);
    }

    @Test
    void delayStopsAtMaximum() {
        assertThat(backoff.delayMillis(7)).isEqualTo(60_000);
        assertThat(backoff.delayMillis(1_000)).isEqualTo(60_000);
        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isEqualTo(60_000);
    }

    @Test
    void attemptZeroUsesInitialDelay() {
        assertThat(backoff.delayMillis(0)).isEqualTo(1_000);
    }
}
