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

        StackSettings later = StackSettings.fromEnvironment(Map.of()).withRecordedState(state);

        assertThat(later.port(StackComponent.STORE)).isEqualTo(19000);
        assertThat(later.port(StackComponent.KAFKA)).isEqualTo(9092);
        assertThat(later.tls()).isFalse();
    }

    @Test
    void tlsIsOffByDefault() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of());

        assertThat(settings.tls()).isFalse();
        assertThat(settings.gatewayHttpsPort()).isEqualTo(8443);
        assertThat(settings.serverPort(StackComponent.GATEWAY)).isEqualTo(8080);
    }

    @Test
    void tlsMovesGatewayServerPortToHttps() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of(
                "TEMPPIC_TLS", "on",
                "TEMPPIC_GATEWAY_PORT", "28080",
                "TEMPPIC_GATEWAY_HTTPS_PORT", "28443"));

        assertThat(settings.tls()).isTrue();
        assertThat(settings.serverPort(StackComponent.GATEWAY)).isEqualTo(28443);
        assertThat(settings.port(StackComponent.GATEWAY)).as("redirect port").isEqualTo(28080);
        assertThat(settings.serverPort(StackComponent.UPLOAD)).isEqualTo(8081);
    }

    @Test
    void tlsFlagMatchesTlsVariable() {
        StackSettings flag = StackSettings.fromEnvironment(Map.of()).withTls();
        StackSettings variable = StackSettings.fromEnvironment(Map.of("TEMPPIC_TLS", "on"));

        assertThat(flag).isEqualTo(variable);
    }

    @Test
    void invalidTlsValueNamesVariable() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("TEMPPIC_TLS", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEMPPIC_TLS=yes");
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("TEMPPIC_GATEWAY_HTTPS_PORT", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEMPPIC_GATEWAY_HTTPS_PORT=0");
    }

    @Test
    void recordedTlsModeWinsForStatus() {
        Path state = dir.resolve("stack.properties");
        StackSettings.fromEnvironment(Map.of("TEMPPIC_GATEWAY_HTTPS_PORT", "28443")).withTls().record(state);

        StackSettings later = StackSettings.fromEnvironment(Map.of()).withRecordedState(state);

        assertThat(later.tls()).isTrue();
        assertThat(later.gatewayHttpsPort()).isEqualTo(28443);
        assertThat(later.serverPort(StackComponent.GATEWAY)).isEqualTo(28443);
        assertThat(later.port(StackComponent.GATEWAY)).isEqualTo(8080);
    }

    @Test
    void recordedPlainModeOverridesTlsVariable() {
        Path state = dir.resolve("stack.properties");
        StackSettings.fromEnvironment(Map.of()).record(state);

        StackSettings later = StackSettings.fromEnvironment(Map.of("TEMPPIC_TLS", "on")).withRecordedState(state);

        assertThat(later.tls()).isFalse();
        assertThat(later.serverPort(StackComponent.GATEWAY)).isEqualTo(8080);
    }
}
