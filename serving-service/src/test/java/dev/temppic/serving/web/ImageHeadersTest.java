package dev.temppic.serving.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ImageHeadersTest {

    private static final Instant EXPIRES_AT = Instant.parse("2030-01-01T00:01:00Z");

    @Test
    void maxAgeRoundsDown() {
        assertThat(ImageHeaders.maxAgeSeconds(EXPIRES_AT.minusMillis(59_999), EXPIRES_AT)).isEqualTo(59);
        assertThat(ImageHeaders.maxAgeSeconds(EXPIRES_AT.minusSeconds(60), EXPIRES_AT)).isEqualTo(60);
        assertThat(ImageHeaders.maxAgeSeconds(EXPIRES_AT.minusMillis(1), EXPIRES_AT)).isZero();
    }

    @Test
    void maxAgeIsNeverNegative() {
        assertThat(ImageHeaders.maxAgeSeconds(EXPIRES_AT.plusSeconds(5), EXPIRES_AT)).isZero();
    }

    @Test
    void servesOnlyImageTypesUnderTheirName() {
        assertThat(ImageHeaders.servableType("image/png")).isEqualTo("image/png");
        assertThat(ImageHeaders.servableType("image/webp")).isEqualTo("image/webp");
        assertThat(ImageHeaders.servableType("text/html")).isEqualTo("application/octet-stream");
        assertThat(ImageHeaders.servableType("image/svg+xml")).isEqualTo("application/octet-stream");
    }
}
