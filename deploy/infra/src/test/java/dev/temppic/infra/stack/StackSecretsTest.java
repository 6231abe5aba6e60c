package dev.temppic.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.StoreCredentials;

class StackSecretsTest {

    @TempDir
    Path dir;

    @Test
    void masterKeyIsCreatedOnceAndKept() throws Exception {
        Path file = dir.resolve("master-key");

        String first = StackSecrets.masterKey(file);
        String second = StackSecrets.masterKey(file);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void masterKeyOfWrongLengthIsRejected() throws Exception {
        Path file = dir.resolve("master-key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> StackSecrets.masterKey(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageContaining(file.toString());
    }

    @Test
    void storeCredentialsAreCreatedOnceAndKept() throws Exception {
        Path file = dir.resolve("store-credentials");

        StoreCredentials first = StackSecrets.storeCredentials(file);
        StoreCredentials second = StackSecrets.storeCredentials(file);

        assertThat(second).isEqualTo(first);
        assertThat(first.secretKey()).hasSize(40);
        assertThat(first.toString()).doesNotContain(first.secretKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
