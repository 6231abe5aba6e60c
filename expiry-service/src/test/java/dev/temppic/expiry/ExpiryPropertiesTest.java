package dev.temppic.expiry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryPropertiesTest {

    @Test
    void defaultsEnableEverything() {
        ExpiryProperties properties = bind(Map.of());

        assertThat(properties.consumers().expiry().enabled()).isTrue();
        assertThat(properties.consumers().audit().enabled()).isTrue();
        assertThat(properties.consumers().analytics().enabled()).isTrue();
        assertThat(properties.deleter().enabled()).isTrue();
        assertThat(properties.sweep().enabled()).isTrue();
        assertThat(properties.deleter().batchSize()).isEqualTo(500);
        assertThat(properties.deleter().lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.sweep().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.statsRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void switchesBindPerPart() {
        ExpiryProperties properties = bind(Map.of(
                "temppic.expiry.consumers.audit.enabled", "false",
                "temppic.expiry.deleter.enabled", "false",
                "temppic.expiry.sweep.interval", "30s"));

        assertThat(properties.consumers().audit().enabled()).isFalse();
        assertThat(properties.consumers().expiry().enabled()).isTrue();
        assertThat(properties.deleter().enabled()).isFalse();
        assertThat(properties.sweep().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void batchSizeAboveStoreLimitIsRejected() {
        assertThatThrownBy(() -> bind(Map.of("temppic.expiry.deleter.batch-size", "1001")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("batch-size must be between 1 and 1000");
    }

    @Test
    void leaseShorterThanPublishTimeoutIsRejected() {
        assertThatThrownBy(() -> bind(Map.of("temppic.expiry.deleter.lease", "10s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("must be longer than temppic.expiry.deleter.publish-timeout");
    }

    private static ExpiryProperties bind(Map<String, String> values) {
        Binder binder = new Binder(new MapConfigurationPropertySource(values));
        return binder.bindOrCreate("temppic.expiry", ExpiryProperties.class);
    }
}
