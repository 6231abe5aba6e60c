package dev.temppic.infra.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.Infrastructure;
import dev.temppic.infra.LocalInfra;
import dev.temppic.infra.LocalInfraSettings;
import dev.temppic.infra.containers.ContainerInfra;

/**
 * JUnit 5 extension that gives integration tests real Kafka, Redis and an S3-compatible store on 127.0.0.1.
 *
 * <p>One infrastructure serves the whole test JVM: it starts on first use and stops when the JUnit run ends,
 * through a value in the root context's store that JUnit closes. Usage in a Spring Boot test:
 *
 * <pre>{@code
 * @ExtendWith(TempPicInfraExtension.class)
 * @SpringBootTest
 * class UploadIT {
 *     @DynamicPropertySource
 *     static void infrastructure(DynamicPropertyRegistry registry) {
 *         TempPicInfraExtension.registerSpringProperties(registry::add);
 *     }
 * }
 * }</pre>
 *
 * <p>The implementation is chosen by system property {@value #MODE_PROPERTY} (or environment variable
 * {@code TEMPPIC_INFRA_MODE}): {@code local} runs local processes, {@code containers} uses Testcontainers, and
 * {@code auto}, the default, uses Testcontainers only when a Docker engine is available.
 */
public final class TempPicInfraExtension implements BeforeAllCallback {

    /** System property that chooses the implementation: auto, local or containers. */
    public static final String MODE_PROPERTY = "temppic.infra.mode";

    private static final Logger LOG = LoggerFactory.getLogger(TempPicInfraExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TempPicInfraExtension.class);

    private static Infrastructure shared;

    /** Returns the shared infrastructure of this JVM, starting it on the first call. */
    public static synchronized Infrastructure infrastructure() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** Returns the connection details of the shared infrastructure, starting it on the first call. */
    public static ConnectionInfo connection() {
        return infrastructure().connection();
    }

    /**
     * Registers the Spring Boot properties of the shared infrastructure ({@link ConnectionInfo#springProperties()}),
     * for use as {@code registerSpringProperties(registry::add)} in a {@code @DynamicPropertySource} method.
     */
    public static void registerSpringProperties(BiConsumer<String, Supplier<Object>> registry) {
        connection().registerSpringProperties(registry);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        infrastructure();
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedInfrastructureCloser.class,
                key -> new SharedInfrastructureCloser(), SharedInfrastructureCloser.class);
    }

    private static Infrastructure create() {
        String mode = System.getProperty(MODE_PROPERTY, System.getenv().getOrDefault("TEMPPIC_INFRA_MODE", "auto"))
                .trim().toLowerCase(Locale.ROOT);
        Infrastructure infrastructure = switch (mode) {
            case "local" -> startLocal();
            case "containers" -> ContainerInfra.start();
            case "auto" -> DockerProbe.isDockerAvailable() ? ContainerInfra.start() : startLocal();
            default -> throw new IllegalArgumentException("Invalid " + MODE_PROPERTY + "=" + mode
                    + "; expected auto, local or containers");
        };
        LOG.info("Integration test infrastructure: {}", infrastructure.description());
        return infrastructure;
    }

    private static Infrastructure startLocal() {
        return LocalInfra.start(LocalInfraSettings.forTests(newBaseDir()));
    }

    /**
     * Returns a new folder for data and logs: under {@code target/} when the tests run from a Maven module, so
     * the logs stay for inspection until {@code mvn clean}, else under the system temp folder.
     */
    private static Path newBaseDir() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target)
                    ? Files.createTempDirectory(target.toAbsolutePath(), "temppic-infra-")
                    : Files.createTempDirectory("temppic-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a folder for the test infrastructure", e);
        }
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            try {
                shared.close();
            } finally {
                shared = null;
            }
        }
    }

    /** Stops the shared infrastructure when JUnit closes the root context's store at the end of the run. */
    static final class SharedInfrastructureCloser implements AutoCloseable {

        @Override
        public void close() {
            closeShared();
        }
    }
}
