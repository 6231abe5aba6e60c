package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Files of the local stack, all under its home folder: {@code .temppic/} at the repository root (git-ignored), or
 * the folder named by {@value #HOME_VARIABLE}.
 *
 * <pre>
 * .temppic/logs/NAME.log          output of each process
 * .temppic/data/NAME/             data and generated settings of each process
 * .temppic/pids/NAME.pid          PID of each running process
 * .temppic/stack.properties       ports and TLS mode of the last {@code up}, for {@code status} and {@code down}
 * .temppic/master-key             32 random bytes in Base64: the services' master key
 * .temppic/store-credentials      S3 access key and secret key of S3Proxy
 * .temppic/cds/                   class-data sharing archives and extracted service jars
 * .temppic/tls/                   the gateway's self-signed certificate for {@code up --tls} (see {@link GatewayTls})
 * </pre>
 */
record StackLayout(Path repositoryRoot, Path home) {

    /**
     * Environment variable that moves the home folder away from {@code .temppic/}, so a second stack (for example
     * one started by a test) keeps its own logs, data, PIDs and secrets.
     */
    static final String HOME_VARIABLE = "TEMPPIC_HOME";

    StackLayout {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    /** Creates the layout with the default home folder, {@code .temppic/} at the repository root. */
    StackLayout(Path repositoryRoot) {
        this(repositoryRoot, repositoryRoot.resolve(".temppic"));
    }

    /**
     * Creates the layout with the home folder from {@value #HOME_VARIABLE} when it is set and not blank. A relative
     * path is resolved against the current working directory.
     */
    static StackLayout fromEnvironment(Path repositoryRoot, Map<String, String> environment) {
        String home = environment.get(HOME_VARIABLE);
        if (home == null || home.isBlank()) {
            return new StackLayout(repositoryRoot);
        }
        return new StackLayout(repositoryRoot, Path.of(home.strip()));
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

    Path tls() {
        return home().resolve("tls");
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
            // Logs name image ids, and an id is enough to fetch a live image, so only the owner may read the home.
            if (Files.getFileStore(home()).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(home(), PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the folders under " + home(), e);
        }
    }
}
