package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the local stack, all under {@code .temppic/} at the repository root (git-ignored).
 *
 * <pre>
 * .temppic/logs/NAME.log          output of each process
 * .temppic/data/NAME/             data and generated settings of each process
 * .temppic/pids/NAME.pid          PID of each running process
 * .temppic/stack.properties       ports of the last {@code up}, for {@code status} and {@code down}
 * .temppic/master-key             32 random bytes in Base64: the services' master key
 * .temppic/store-credentials      S3 access key and secret key of S3Proxy
 * .temppic/cds/                   class-data sharing archives and extracted service jars
 * </pre>
 */
record StackLayout(Path repositoryRoot) {

    StackLayout {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
    }

    Path home() {
        return repositoryRoot.resolve(".temppic");
    }

    Path logs() {
        return home().resolve("logs");
    }

    Path data() {
        return home().resolve("data");
    }

    Path pids() {
        return home().resolve("pids");
    }

    Path cds() {
        return home().resolve("cds");
    }

    Path log(StackComponent component) {
        return logs().resolve(component.id() + ".log");
    }

    Path pidFile(StackComponent component) {
        return pids().resolve(component.id() + ".pid");
    }

    Path stateFile() {
        return home().resolve("stack.properties");
    }

    Path masterKeyFile() {
        return home().resolve("master-key");
    }

    Path storeCredentialsFile() {
        return home().resolve("store-credentials");
    }

    /** Returns the repository-relative form of {@code path}, for shorter messages. */
    String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repositoryRoot) ? repositoryRoot.relativize(absolute).toString() : absolute.toString();
    }

    void createDirectories() {
        try {
            for (Path dir : new Path[] {logs(), data(), pids(), cds()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the folders under " + home(), e);
        }
    }
}
