package dev.temppic.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreDocumentedPorts() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of());

        assertThat(settings.port(StackComponent.KAFKA)).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.port(StackComponent.REDIS)).isEqualTo(6379);
        assertThat(settings.port(StackComponent.STORE)).isEqualTo(9000);
        assertThat(settings.port(StackComponent.GATEWAY)).isEqualTo(8080);
        assertThat(settings.port(StackComponent.UPLOAD)).isEqualTo(8081);
        assertThat(settings.port(StackComponent.SERVING)).isEqualTo(8082);
        assertThat(settings.port(StackComponent.EXPIRY)).isEqualTo(8083);
        assertThat(settings.tuned()).isTrue();
        assertThat(settings.classDataSharing()).isTrue();
    }

    @Test
    void environmentOverridesPortsAndTuning() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of(
                "TEMPPIC_REDIS_PORT", "16379",
                "TEMPPIC_KAFKA_CONTROLLER_PORT", "19093",
                "TEMPPIC_JVM_TUNING", "off",
                "TEMPPIC_START_TIMEOUT", "30"));

        assertThat(settings.port(StackComponent.REDIS)).isEqualTo(16379);
        assertThat(settings.kafkaControllerPort()).isEqualTo(19093);
        assertThat(settings.tuned()).isFalse();
        assertThat(settings.classDataSharing()).as("CDS without tuning").isFalse();
        assertThat(settings.serviceStartTimeout()).hasSeconds(30);
    }

    @Test
    void invalidPortNamesVariable() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("TEMPPIC_GATEWAY_PORT", "80800")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEMPPIC_GATEWAY_PORT=80800");
    }

    @Test
    void recordedPortsWinForStatusAndDown() {
        Path state = dir.resolve("stack.properties");
        StackSettings.fromEnvironment(Map.of("TEMPPIC_STORE_PORT", "19000")).record(state);

        StackSettings later = StackSettings.fromEnvironment(Map.of()).withRecordedPorts(state);

        assertThat(later.port(StackComponent.STORE)).isEqualTo(19000);
        assertThat(later.port(StackComponent.KAFKA)).isEqualTo(9092);
    }
}
