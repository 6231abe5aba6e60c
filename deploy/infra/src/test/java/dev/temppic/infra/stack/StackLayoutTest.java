package dev.temppic.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLayoutTest {

    @TempDir
    Path dir;

    @Test
    void createdHomeIsPrivateToOwner() throws Exception {
        Path home = dir.resolve("stack-home");
        StackLayout layout = StackLayout.fromEnvironment(dir, Map.of("TEMPPIC_HOME", home.toString()));

        layout.createDirectories();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(layout.logs()).isDirectory();
    }

    @Test
    void defaultHomeIsDotTemppic() {
        Path root = dir.resolve("repository");

        StackLayout layout = StackLayout.fromEnvironment(root, Map.of());

        assertThat(layout.home()).isEqualTo(root.resolve(".temppic"));
        assertThat(layout.pidFile(StackComponent.GATEWAY)).isEqualTo(root.resolve(".temppic/pids/gateway.pid"));
    }

    @Test
    void homeVariableMovesEveryFile() {
        Path root = dir.resolve("repository");
        Path home = dir.resolve("elsewhere/stack-home");

        StackLayout layout = StackLayout.fromEnvironment(root, Map.of("TEMPPIC_HOME", home.toString()));

        assertThat(layout.repositoryRoot()).isEqualTo(root);
        assertThat(layout.home()).isEqualTo(home);
        assertThat(layout.logs()).isEqualTo(home.resolve("logs"));
        assertThat(layout.data()).isEqualTo(home.resolve("data"));
        assertThat(layout.cds()).isEqualTo(home.resolve("cds"));
        assertThat(layout.pidFile(StackComponent.KAFKA)).isEqualTo(home.resolve("pids/kafka.pid"));
        assertThat(layout.stateFile()).isEqualTo(home.resolve("stack.properties"));
        assertThat(layout.masterKeyFile()).isEqualTo(home.resolve("master-key"));
        assertThat(layout.storeCredentialsFile()).isEqualTo(home.resolve("store-credentials"));
        assertThat(layout.display(layout.log(StackComponent.REDIS))).isEqualTo(home.resolve("logs/redis.log").toString());
    }

    @Test
    void relativeHomeResolvesAgainstWorkingDirectory() {
        StackLayout layout = StackLayout.fromEnvironment(dir, Map.of("TEMPPIC_HOME", "some/home"));

        assertThat(layout.home()).isAbsolute();
        assertThat(layout.home()).isEqualTo(Path.of("some/home").toAbsolutePath().normalize());
    }

    @Test
    void blankHomeVariableKeepsDefault() {
        StackLayout layout = StackLayout.fromEnvironment(dir, Map.of("TEMPPIC_HOME", "  "));

        assertThat(layout.home()).isEqualTo(dir.resolve(".temppic"));
    }
}
