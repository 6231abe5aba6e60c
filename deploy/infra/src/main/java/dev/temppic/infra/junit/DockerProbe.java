package dev.temppic.infra.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.DockerClientFactory;

/**
 * Decides whether a Docker engine is available for the integration tests.
 *
 * <p>Testcontainers is asked only when a hint of Docker exists: {@code DOCKER_HOST}, a
 * {@code ~/.testcontainers.properties} file, or a Docker socket in one of the places Testcontainers 2.0 looks.
 * Without a hint no Testcontainers class is loaded, so a machine without Docker gets neither a connection
 * attempt nor Testcontainers' error report.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean isDockerAvailable() {
        if (!hasDockerHint()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasDockerHint() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> candidates = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
            candidates.add(Path.of(runtimeDir, ".docker/run/docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }
}
