package dev.temppic.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.temppic.infra.server.StoreCredentials;

/** The self-signed gateway certificate, generated with the real keytool, and the gateway's TLS settings. */
class GatewayTlsTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void prepareGeneratesKeystorePasswordAndPem() throws Exception {
        Path tlsDir = home.resolve("tls");

        GatewayTls tls = GatewayTls.prepare(tlsDir, out);

        assertThat(tls.keystore()).isEqualTo(tlsDir.resolve("gateway.p12"));
        assertThat(permissions(tls.keystore())).isEqualTo("rw-------");
        assertThat(permissions(tlsDir.resolve("keystore-password"))).isEqualTo("rw-------");
        assertThat(Files.readString(tlsDir.resolve("keystore-password")).strip()).hasSize(32);
        assertThat(tlsDir.resolve("keytool-output.tmp")).doesNotExist();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Generated a self-signed certificate");

        X509Certificate certificate = tls.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertThat(validity.toDays()).isBetween(89L, 90L);

        assertThat(Files.readString(tls.certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(readPem(tls.certificatePem())).isEqualTo(certificate);
    }

    @Test
    void prepareReusesExistingCertificate() throws Exception {
        Path tlsDir = home.resolve("tls");
        X509Certificate first = GatewayTls.prepare(tlsDir, out).certificate();
        String password = Files.readString(tlsDir.resolve("keystore-password"));
        output.reset();

        X509Certificate second = GatewayTls.prepare(tlsDir, out).certificate();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(tlsDir.resolve("keystore-password"))).isEqualTo(password);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void prepareReplacesExpiredCertificate() throws Exception {
        Path tlsDir = home.resolve("tls");
        Files.createDirectories(tlsDir);
        String password = StackSecrets.keystorePassword(tlsDir.resolve("keystore-password"));
        // A certificate that started 10 days ago and was valid for 2 days.
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-startdate", "-10d", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", tlsDir.resolve("gateway.p12").toString(), "-storepass", password)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        GatewayTls tls = GatewayTls.prepare(tlsDir, out);

        assertThat(tls.certificate().getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(80)));
        assertThat(readPem(tls.certificatePem())).isEqualTo(tls.certificate());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("generating a new one");
    }

    @Test
    void keystoreWithoutPasswordFileIsRejected() throws Exception {
        Path tlsDir = home.resolve("tls");
        GatewayTls.prepare(tlsDir, out);
        Files.delete(tlsDir.resolve("keystore-password"));

        assertThatThrownBy(() -> GatewayTls.prepare(tlsDir, out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keystore-password is missing")
                .hasMessageContaining("Delete " + tlsDir);
    }

    @Test
    void loadWithoutKeystoreNamesUpTls() {
        assertThatThrownBy(() -> GatewayTls.load(home.resolve("tls")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("up --tls");
    }

    @Test
    void httpsReadinessTrustsOnlyOwnCertificate() throws Exception {
        GatewayTls tls = GatewayTls.prepare(home.resolve("tls"), out);
        GatewayTls other = GatewayTls.prepare(home.resolve("other-tls"), out);
        HttpsServer server = readinessServer(tls);
        try {
            int port = server.getAddress().getPort();

            assertThat(ServiceProcess.isReady(port, tls.trustingOnlyThisCertificate())).isTrue();
            assertThat(ServiceProcess.isReady(port, other.trustingOnlyThisCertificate()))
                    .as("another self-signed certificate").isFalse();
            assertThat(ServiceProcess.isReady(port, SSLContext.getDefault())).as("the JDK's default trust store")
                    .isFalse();
            assertThat(ServiceProcess.isReady(port, null)).as("plain HTTP to the HTTPS port").isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tlsGatewayArgumentsAndEnvironment() {
        GatewayTls tls = GatewayTls.prepare(home.resolve("tls"), out);
        StackSettings settings = StackSettings.fromEnvironment(Map.of(
                "TEMPPIC_GATEWAY_PORT", "28080",
                "TEMPPIC_GATEWAY_HTTPS_PORT", "28443",
                "TEMPPIC_UPLOAD_PORT", "28081")).withTls();
        LocalStack stack = new LocalStack(new StackLayout(home, home), out);

        ServiceProcess gateway = stack.newService(StackComponent.GATEWAY, home.resolve("gateway.jar"), settings,
                "master-key", new StoreCredentials("access", "secret"), null, tls);

        assertThat(gateway.port()).isEqualTo(28443);
        assertThat(gateway.extraPorts()).isEqualTo(Map.of(28080, "TEMPPIC_GATEWAY_PORT"));
        assertThat(gateway.arguments()).contains(
                "--spring.profiles.active=tls",
                "--server.port=28443",
                "--temppic.gateway.tls.http-redirect-port=28080",
                "--server.address=127.0.0.1",
                "--temppic.gateway.upload-uri=http://127.0.0.1:28081");
        assertThat(gateway.arguments()).filteredOn(argument -> argument.startsWith("--server.port="))
                .as("server.port given once").hasSize(1);
        String password = readString(home.resolve("tls/keystore-password"));
        assertThat(gateway.arguments()).noneMatch(argument -> argument.contains(password));
        assertThat(gateway.environment()).containsEntry("TEMPPIC_TLS_KEYSTORE",
                "file:" + home.resolve("tls/gateway.p12").toAbsolutePath());
        assertThat(gateway.environment()).containsEntry("TEMPPIC_TLS_KEYSTORE_PASSWORD", password);
        assertThat(gateway.environment()).doesNotContainKeys("TEMPPIC_STORE_SECRET_KEY", "TEMPPIC_CRYPTO_MASTER_KEY");
    }

    @Test
    void gatewayWithoutTlsKeepsPlainHttp() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of("TEMPPIC_GATEWAY_PORT", "28080"));
        LocalStack stack = new LocalStack(new StackLayout(home, home), out);

        ServiceProcess gateway = stack.newService(StackComponent.GATEWAY, home.resolve("gateway.jar"), settings,
                "master-key", new StoreCredentials("access", "secret"), null, null);

        assertThat(gateway.port()).isEqualTo(28080);
        assertThat(gateway.extraPorts()).isEmpty();
        assertThat(gateway.arguments()).contains("--server.port=28080");
        assertThat(gateway.arguments()).noneMatch(argument -> argument.contains("tls"));
        assertThat(gateway.environment()).doesNotContainKeys("TEMPPIC_TLS_KEYSTORE", "TEMPPIC_TLS_KEYSTORE_PASSWORD");
    }

    @Test
    void otherServicesIgnoreTlsMode() {
        GatewayTls tls = GatewayTls.prepare(home.resolve("tls"), out);
        StackSettings settings = StackSettings.fromEnvironment(Map.of("TEMPPIC_UPLOAD_PORT", "28081")).withTls();
        LocalStack stack = new LocalStack(new StackLayout(home, home), out);

        ServiceProcess upload = stack.newService(StackComponent.UPLOAD, home.resolve("upload.jar"), settings,
                "master-key", new StoreCredentials("access", "secret"), null, tls);

        assertThat(upload.port()).isEqualTo(28081);
        assertThat(upload.arguments()).contains("--server.port=28081");
        assertThat(upload.environment()).doesNotContainKeys("TEMPPIC_TLS_KEYSTORE", "TEMPPIC_TLS_KEYSTORE_PASSWORD");
    }

    /** Starts an HTTPS server on 127.0.0.1 with the keystore of {@code tls} that reports readiness UP. */
    private static HttpsServer readinessServer(GatewayTls tls) throws Exception {
        char[] password = readString(tls.keystore().resolveSibling("keystore-password")).toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        return server;
    }

    private static X509Certificate readPem(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
