package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import dev.temppic.infra.server.StoreCredentials;

/**
 * The master key, store credentials and gateway keystore password of the local stack, generated on first use and
 * kept in files readable only by their owner, so that images stored by one run stay readable in the next.
 */
final class StackSecrets {

    /** Master key length in bytes (256 bits). */
    static final int MASTER_KEY_BYTES = 32;

    /** Random bytes in a generated keystore password (192 bits). */
    static final int KEYSTORE_PASSWORD_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private StackSecrets() {
    }

    /**
     * Returns the Base64 master key from {@code file}, creating the file with 32 random bytes if it is missing.
     *
     * @throws IllegalStateException if the file does not contain 32 bytes in Base64
     */
    static String masterKey(Path file) {
        if (!Files.exists(file)) {
            byte[] key = new byte[MASTER_KEY_BYTES];
            RANDOM.nextBytes(key);
            writeOwnerOnly(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        String encoded = read(file).strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not contain Base64. Delete it to generate a new master key"
                    + " (images stored with the old key become unreadable).", e);
        }
        if (decoded.length != MASTER_KEY_BYTES) {
            throw new IllegalStateException(file + " contains " + decoded.length + " bytes, expected "
                    + MASTER_KEY_BYTES + ". Delete it to generate a new master key (images stored with the old key"
                    + " become unreadable).");
        }
        return encoded;
    }

    /** Returns the S3 credentials from {@code file}, creating the file with a random pair if it is missing. */
    static StoreCredentials storeCredentials(Path file) {
        if (!Files.exists(file)) {
            StoreCredentials generated = StoreCredentials.random();
            Properties properties = new Properties();
            properties.setProperty("access-key", generated.accessKey());
            properties.setProperty("secret-key", generated.secretKey());
            try (var out = new java.io.ByteArrayOutputStream()) {
                properties.store(out, "S3 credentials of the local S3Proxy; the services get them at start");
                writeOwnerOnly(file, out.toString(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        String accessKey = properties.getProperty("access-key");
        String secretKey = properties.getProperty("secret-key");
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException(file + " must contain access-key and secret-key. Delete it to generate"
                    + " a new pair (objects already stored stay readable).");
        }
        return new StoreCredentials(accessKey.strip(), secretKey.strip());
    }

    /**
     * Returns the gateway keystore's password from {@code file}, creating the file with 24 random bytes in
     * URL-safe Base64 if it is missing.
     *
     * @throws IllegalStateException if the file is empty
     */
    static String keystorePassword(Path file) {
        if (!Files.exists(file)) {
            byte[] password = new byte[KEYSTORE_PASSWORD_BYTES];
            RANDOM.nextBytes(password);
            writeOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(password) + "\n");
        }
        String password = read(file).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty. Delete " + file.getParent()
                    + " to generate a new certificate and password.");
        }
        return password;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    /** Writes {@code content} to {@code file} with mode 600, through a temporary file so no reader sees half. */
    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary;
            try {
                temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(content.getBytes(StandardCharsets.ISO_8859_1));
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }
}
