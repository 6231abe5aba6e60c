package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.infra.server.ProcessServer;
import dev.temppic.infra.server.ServerStartException;

/**
 * One TempPic service started with {@code java -jar}; healthy once {@code /actuator/health/readiness} reports UP.
 */
final class ServiceProcess extends ProcessServer {

    /**
     * HTTPS settings of a service that serves TLS on its port.
     *
     * @param redirectPort         the plain-HTTP port that redirects to HTTPS, checked to be free before the start
     * @param redirectPortVariable the environment variable that sets {@code redirectPort}, for error messages
     * @param trust                TLS context for the readiness check, trusting the service's certificate
     */
    record Https(int redirectPort, String redirectPortVariable, SSLContext trust) {
    }

    /** System property that marks every Java process of the stack with its .temppic folder, checked by down. */
    static final String HOME_MARKER_PROPERTY = "temppic.stack.home";

    private final StackComponent component;
    private final Path jar;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final String maxHeap;
    private final Path home;
    private final ClassDataSharing classDataSharing;
    private final Https https;
    private Path launchJar;

    /**
     * @param arguments   Spring Boot command-line arguments; visible to every user through ps, so no secrets
     * @param environment environment variables, which carry the secrets
     * @param maxHeap     value of -Xmx when tuned, such as "256m"
     * @param classDataSharing archives to use, or null to run without
     * @param https       HTTPS settings when the service serves TLS on {@code port}, or null for plain HTTP
     */
    ServiceProcess(StackComponent component, int port, Path jar, List<String> arguments,
            Map<String, String> environment, String maxHeap, StackLayout layout, ProcessOptions options,
            ClassDataSharing classDataSharing, Https https) {
        super(component.displayName(), port, layout.data().resolve(component.id()), layout.log(component),
                component.portVariable(), options);
        this.component = component;
        this.jar = jar;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.maxHeap = maxHeap;
        this.home = layout.home();
        this.classDataSharing = classDataSharing;
        this.https = https;
    }

    @Override
    protected void prepare() {
        if (!Files.isRegularFile(jar)) {
            throw new ServerStartException(component.displayName() + " jar not found at " + jar
                    + ". Build it with `mvn -q -B -DskipTests install` from the repository root, or run"
                    + " `deploy/local/temppic up --build`.");
        }
        try {
            Files.createDirectories(workDir());
        } catch (IOException e) {
            throw new ServerStartException("Failed to create " + workDir(), e);
        }
        launchJar = classDataSharing == null ? jar : classDataSharing.extractedJar(component.id(), jar);
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // Services keep the C2 compiler: its AES and GHASH intrinsics carry the image encryption, which ran
        // several times slower with C1 only (JFR of serving-service under load, docs/benchmarks.md).
        command.addAll(options().tuning("-Xms32m", "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m"));
        if (classDataSharing != null && classDataSharing.isExtracted(launchJar)) {
            command.addAll(classDataSharing.jvmOptions(component.id(),
                    ClassDataSharing.extractedClasspath(launchJar)));
        }
        command.addAll(options().jvmOptions());
        command.add("-D" + HOME_MARKER_PROPERTY + "=" + home);
        command.add("-jar");
        command.add(launchJar.toString());
        command.addAll(arguments);
        return command;
    }

    /** Spring Boot command-line arguments, after the jar. */
    List<String> arguments() {
        return arguments;
    }

    @Override
    protected Map<String, String> environment() {
        return environment;
    }

    @Override
    protected Map<Integer, String> extraPorts() {
        return https == null ? Map.of() : Map.of(https.redirectPort(), https.redirectPortVariable());
    }

    /** Returns whether GET /actuator/health/readiness returns 200 with status UP. */
    @Override
    public boolean isHealthy() {
        return isReady(port(), https == null ? null : https.trust());
    }

    /**
     * Returns whether GET /actuator/health/readiness on 127.0.0.1:{@code port} returns 200 with status UP.
     *
     * @param trust null for plain HTTP, or the TLS context for HTTPS
     */
    static boolean isReady(int port, SSLContext trust) {
        try {
            String scheme = trust == null ? "http" : "https";
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    scheme + "://127.0.0.1:" + port + "/actuator/health/readiness").toURL()
                    .openConnection(Proxy.NO_PROXY);
            if (connection instanceof HttpsURLConnection secure) {
                secure.setSSLSocketFactory(trust.getSocketFactory());
            }
            connection.setConnectTimeout(500);
            connection.setReadTimeout(3000);
            try {
                if (connection.getResponseCode() != 200) {
                    return false;
                }
                try (InputStream in = connection.getInputStream()) {
                    String body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    return body.replace(" ", "").contains("\"status\":\"UP\"");
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
