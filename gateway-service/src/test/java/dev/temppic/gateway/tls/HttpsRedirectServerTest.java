package dev.temppic.gateway.tls;

import dev.temppic.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsRedirectServerTest {

    final TlsProperties tls = new TlsProperties(8080, Duration.ofDays(365), false);

    @Test
    void redirectKeepsPathAndQuery() {
        HttpsRedirectServer server = server(null);

        assertThat(server.location("temppic.example:8080", "/v/abc?x=1", 8443))
                .isEqualTo("https://temppic.example:8443/v/abc?x=1");
        assertThat(server.location("temppic.example", "/", 443)).isEqualTo("https://temppic.example/");
        assertThat(server.location("[::1]:8080", "/privacy", 8443)).isEqualTo("https://[::1]:8443/privacy");
    }

    @Test
    void configuredBaseUrlWins() {
        HttpsRedirectServer server = server(URI.create("https://temppic.example"));

        assertThat(server.location("attacker.example", "/i/x", 8443)).isEqualTo("https://temppic.example/i/x");
    }

    @Test
    void unusableHostRejected() {
        HttpsRedirectServer server = server(null);

        assertThat(server.location(null, "/", 8443)).isNull();
        assertThat(server.location("evil.example/path", "/", 8443)).isNull();
        assertThat(server.location("a b", "/", 8443)).isNull();
    }

    private HttpsRedirectServer server(URI publicBaseUrl) {
        return new HttpsRedirectServer(tls, new GatewayProperties(null, null, publicBaseUrl, List.of()),
                new MockEnvironment());
    }
}
