package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The gateway's self-signed certificate for {@code up --tls}: a PKCS#12 keystore with a random password, generated
 * with the JDK's keytool on first use and reused later, plus the certificate in PEM for browsers and
 * {@code curl --cacert}.
 *
 * <pre>
 * tls/gateway.p12           key pair and certificate for CN=localhost, SAN localhost and 127.0.0.1, mode 600
 * tls/keystore-password     the keystore's password, mode 600
 * tls/gateway.pem           the certificate alone, to trust in a browser or with curl --cacert
 * </pre>
 */
final class GatewayTls {

    /** Spring profile of gateway-service that serves HTTPS from the SSL bundle {@code gateway}. */
    static final String PROFILE = "tls";
    static final String KEYSTORE_VARIABLE = "TEMPPIC_TLS_KEYSTORE";
    static final String KEYSTORE_PASSWORD_VARIABLE = "TEMPPIC_TLS_KEYSTORE_PASSWORD";
    static final String ALIAS = "gateway";
    static final int VALIDITY_DAYS = 90;

    /** A certificate that expires within this time is replaced at the next {@code up}. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(1);
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    /** keytool reads the password from this variable ({@code -storepass:env}), so ps never shows it. */
    private static final String KEYTOOL_PASSWORD_VARIABLE = "TEMPPIC_KEYTOOL_STOREPASS";

    private final Path keystore;
    private final Path certificatePem;
    private final String password;

    private GatewayTls(Path keystore, Path certificatePem, String password) {
        this.keystore = keystore;
        this.certificatePem = certificatePem;
        this.password = password;
    }

    /**
     * Returns the certificate in {@code directory}, first generating the keystore, its password and the PEM export
     * where they are missing. An expired certificate (or one that expires within a day) is replaced by a new one.
     *
     * @param log receives one line for each file generated or replaced
     * @throws IllegalStateException if keytool fails, or the keystore exists but cannot be opened with the stored
     *         password
     */
    static GatewayTls prepare(Path directory, PrintStream log) {
        Path keystore = directory.resolve("gateway.p12");
        Path pem = directory.resolve("gateway.pem");
        Path passwordFile = directory.resolve("keystore-password");
        if (Files.exists(keystore) && !Files.exists(passwordFile)) {
            throw new IllegalStateException(keystore + " exists but " + passwordFile + " is missing, so the keystore"
                    + " cannot be opened. Delete " + directory + " to generate a new certificate.");
        }
        String password = StackSecrets.keystorePassword(passwordFile);
        GatewayTls tls = new GatewayTls(keystore, pem, password);

        if (Files.exists(keystore)) {
            Instant notAfter = tls.certificate().getNotAfter().toInstant();
            if (notAfter.isBefore(Instant.now().plus(RENEW_BEFORE_EXPIRY))) {
                log.println("The self-signed certificate in " + keystore + " expires at " + notAfter
                        + "; generating a new one. Trust the new " + pem + " again.");
                delete(keystore);
                delete(pem);
            }
        }
        if (!Files.exists(keystore)) {
            tls.generateKeystore();
            delete(pem);
            log.println("Generated a self-signed certificate for localhost and 127.0.0.1, valid " + VALIDITY_DAYS
                    + " days: " + keystore);
        }
        if (!Files.exists(pem)) {
            tls.exportPem();
        }
        return tls;
    }

    /** Loads an existing certificate for {@code status}, without generating anything. */
    static GatewayTls load(Path directory) {
        Path keystore = directory.resolve("gateway.p12");
        Path passwordFile = directory.resolve("keystore-password");
        if (!Files.isRegularFile(keystore) || !Files.isRegularFile(passwordFile)) {
            throw new IllegalStateException(keystore + " or " + passwordFile + " not found. Run"
                    + " `deploy/local/temppic up --tls` to generate them.");
        }
        return new GatewayTls(keystore, directory.resolve("gateway.pem"), StackSecrets.keystorePassword(passwordFile));
    }

    Path keystore() {
        return keystore;
    }

    Path certificatePem() {
        return certificatePem;
    }

    /**
     * Returns the gateway's environment variables that point the {@code tls} profile at this keystore. The password
     * goes here rather than on the command line, because any user can read a command line with ps.
     */
    Map<String, String> gatewayEnvironment() {
        return Map.of(
                KEYSTORE_VARIABLE, "file:" + keystore.toAbsolutePath(),
                KEYSTORE_PASSWORD_VARIABLE, password);
    }

    /** Returns the gateway's Spring Boot arguments for HTTPS on {@code httpsPort} and a 308 redirect on {@code httpPort}. */
    static List<String> gatewayArguments(int httpsPort, int httpPort) {
        return List.of(
                "--spring.profiles.active=" + PROFILE,
                "--server.port=" + httpsPort,
                "--temppic.gateway.tls.http-redirect-port=" + httpPort);
    }

    /**
     * Returns a TLS context that trusts this certificate and no other, for the readiness check over HTTPS. The
     * certificate is copied into a trust store of its own because the keystore also contains the private key.
     */
    SSLContext trustingOnlyThisCertificate() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(ALIAS, certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Failed to build a TLS context that trusts " + keystore, e);
        }
    }

    X509Certificate certificate() {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Failed to open " + keystore + " with the password in its folder: " + e
                    + ". Delete " + keystore.getParent() + " to generate a new certificate.", e);
        }
        try {
            Certificate certificate = store.getCertificate(ALIAS);
            if (certificate instanceof X509Certificate x509) {
                return x509;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Failed to read the certificate from " + keystore, e);
        }
        throw new IllegalStateException(keystore + " contains no X.509 certificate under the alias " + ALIAS
                + ". Delete " + keystore.getParent() + " to generate a new certificate.");
    }

    /** Generates the key pair and certificate into a temporary file, then moves it to {@link #keystore}. */
    private void generateKeystore() {
        Path temporary = keystore.resolveSibling(keystore.getFileName() + ".tmp");
        delete(temporary);
        runKeytool(List.of("-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", String.valueOf(VALIDITY_DAYS),
                "-storetype", "PKCS12", "-keystore", temporary.toString()));
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // NOTE: without POSIX permissions (Windows) the keystore keeps the folder's default access.
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to restrict the permissions of " + temporary, e);
        }
        try {
            Files.move(temporary, keystore);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move " + temporary + " to " + keystore, e);
        }
    }

    private void exportPem() {
        runKeytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-file", certificatePem.toString()));
    }

    private void runKeytool(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        command.add("-storepass:env");
        command.add(KEYTOOL_PASSWORD_VARIABLE);
        Path output = keystore.resolveSibling("keytool-output.tmp");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put(KEYTOOL_PASSWORD_VARIABLE, password);
        try {
            Process process = builder.start();
            // An empty standard input makes keytool fail instead of waiting at a prompt.
            process.getOutputStream().close();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments.get(0) + " timed out after "
                        + KEYTOOL_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments.get(0) + " failed with exit code "
                        + process.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for keytool", e);
        } finally {
            delete(output);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + file, e);
        }
    }
}
