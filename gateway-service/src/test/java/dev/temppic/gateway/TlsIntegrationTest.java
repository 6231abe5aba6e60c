package dev.temppic.gateway;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.infra.server.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "tls" profile with a certificate from {@code scripts/generate-self-signed-cert.sh}: TLS 1.3 handshakes, HSTS,
 * and the plain-HTTP listener that redirects to HTTPS.
 */
@ExtendWith(TempPicInfraExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("tls")
class TlsIntegrationTest {

    static final String PASSWORD = "test-keystore-password";
    static final Path KEYSTORE = generateKeystore();
    static final int REDIRECT_PORT = Ports.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConnectionInfo infra = TempPicInfraExtension.connection();
        registry.add(ConnectionInfo.REDIS_HOST, infra::redisHost);
        registry.add(ConnectionInfo.REDIS_PORT, infra::redisPort);
        registry.add("spring.ssl.bundle.jks.gateway.keystore.location", () -> "file:" + KEYSTORE);
        registry.add("spring.ssl.bundle.jks.gateway.keystore.password", () -> PASSWORD);
        registry.add("temppic.gateway.tls.http-redirect-port", () -> REDIRECT_PORT);
    }

    @LocalServerPort
    int port;

    @Test
    void socketNegotiatesTls13() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void socketNegotiatesTls12() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void httpClientOverTls13GetsHsts() throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        HttpClient client = HttpClient.newBuilder().sslContext(trustingContext()).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).hasValueSatisfying(
                session -> assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.body()).contains("id=\"file-input\"");
    }

    @Test
    void plainHttpRedirectsToHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + REDIRECT_PORT + "/v/AbCdEfGhIjKlMnOpQrStUw?from=test")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("https://127.0.0.1:" + port + "/v/AbCdEfGhIjKlMnOpQrStUw?from=test");
    }

    private static SSLContext trustingContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", keys.getCertificate("gateway"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Runs the documented generator script, so the test also checks that the script works. */
    private static Path generateKeystore() {
        try {
            Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-");
            Path keystore = directory.resolve("gateway.p12");
            Process process = new ProcessBuilder("bash", "scripts/generate-self-signed-cert.sh", keystore.toString(),
                    PASSWORD).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("generate-self-signed-cert.sh failed: " + output);
            }
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException("Failed to run generate-self-signed-cert.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating a test certificate", e);
        }
    }
}
