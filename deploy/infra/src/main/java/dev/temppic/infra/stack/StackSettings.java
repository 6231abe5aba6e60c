package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Ports and start options of the local stack, read from environment variables.
 *
 * <ul>
 * <li>{@code TEMPPIC_KAFKA_PORT} (9092), {@code TEMPPIC_KAFKA_CONTROLLER_PORT} (9093), {@code TEMPPIC_REDIS_PORT}
 * (6379), {@code TEMPPIC_STORE_PORT} (9000), {@code TEMPPIC_GATEWAY_PORT} (8080), {@code TEMPPIC_UPLOAD_PORT}
 * (8081), {@code TEMPPIC_SERVING_PORT} (8082), {@code TEMPPIC_EXPIRY_PORT} (8083)</li>
 * <li>{@code TEMPPIC_START_TIMEOUT}: seconds each service gets to report readiness (default 180)</li>
 * <li>{@code TEMPPIC_JVM_TUNING}: {@code off} starts every JVM with its defaults (default {@code on})</li>
 * <li>{@code TEMPPIC_CDS}: {@code off} disables class-data sharing archives (default {@code on})</li>
 * <li>{@code TEMPPIC_TLS}: {@code on} makes the gateway serve HTTPS on {@code TEMPPIC_GATEWAY_HTTPS_PORT} (8443) and
 * redirect plain HTTP on {@code TEMPPIC_GATEWAY_PORT} to it (default {@code off}; {@code up --tls} does the same)</li>
 * </ul>
 *
 * @param tls              whether the gateway serves HTTPS with the stack's self-signed certificate
 * @param gatewayHttpsPort the gateway's HTTPS port, used only when {@code tls} is set
 */
record StackSettings(Map<StackComponent, Integer> ports, int kafkaControllerPort, Duration infrastructureStartTimeout,
        Duration serviceStartTimeout, boolean tuned, boolean classDataSharing, boolean tls, int gatewayHttpsPort) {

    static final String TLS_VARIABLE = "TEMPPIC_TLS";
    static final String GATEWAY_HTTPS_PORT_VARIABLE = "TEMPPIC_GATEWAY_HTTPS_PORT";
    static final int DEFAULT_GATEWAY_HTTPS_PORT = 8443;

    static StackSettings fromEnvironment(Map<String, String> environment) {
        Map<StackComponent, Integer> ports = new EnumMap<>(StackComponent.class);
        for (StackComponent component : StackComponent.values()) {
            ports.put(component, port(environment, component.portVariable(), component.defaultPort()));
        }
        int controllerPort = port(environment, StackComponent.KAFKA_CONTROLLER_PORT_VARIABLE,
                StackComponent.DEFAULT_KAFKA_CONTROLLER_PORT);
        long timeoutSeconds = positiveNumber(environment, "TEMPPIC_START_TIMEOUT", 180);
        boolean tuned = onOff(environment, "TEMPPIC_JVM_TUNING", true);
        boolean classDataSharing = tuned && onOff(environment, "TEMPPIC_CDS", true);
        boolean tls = onOff(environment, TLS_VARIABLE, false);
        int httpsPort = port(environment, GATEWAY_HTTPS_PORT_VARIABLE, DEFAULT_GATEWAY_HTTPS_PORT);
        return new StackSettings(ports, controllerPort, Duration.ofSeconds(60), Duration.ofSeconds(timeoutSeconds),
                tuned, classDataSharing, tls, httpsPort);
    }

    int port(StackComponent component) {
        return ports.get(component);
    }

    /**
     * Returns the port that {@code component} serves and is health-checked on: the HTTPS port for the gateway in
     * TLS mode, else {@link #port}. In TLS mode the gateway's {@link #port} carries the redirect to HTTPS.
     */
    int serverPort(StackComponent component) {
        return tls && component == StackComponent.GATEWAY ? gatewayHttpsPort : port(component);
    }

    StackSettings withTls() {
        return new StackSettings(ports, kafkaControllerPort, infrastructureStartTimeout, serviceStartTimeout, tuned,
                classDataSharing, true, gatewayHttpsPort);
    }

    /**
     * Returns these settings with the ports and TLS mode recorded by the last {@code up}, where a record exists. A
     * state file without a TLS entry was written before TLS mode existed, so it means plain HTTP.
     */
    StackSettings withRecordedState(Path stateFile) {
        if (!Files.isRegularFile(stateFile)) {
            return this;
        }
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(stateFile)) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + stateFile, e);
        }
        Map<StackComponent, Integer> recorded = new EnumMap<>(ports);
        for (StackComponent component : StackComponent.values()) {
            String value = state.getProperty(component.id() + ".port");
            if (value != null) {
                recorded.put(component, Integer.parseInt(value.trim()));
            }
        }
        int controller = Integer.parseInt(state.getProperty("kafka.controller.port",
                String.valueOf(kafkaControllerPort)).trim());
        boolean recordedTls = Boolean.parseBoolean(state.getProperty("gateway.tls", "false").trim());
        int httpsPort = Integer.parseInt(state.getProperty("gateway.https.port",
                String.valueOf(gatewayHttpsPort)).trim());
        return new StackSettings(recorded, controller, infrastructureStartTimeout, serviceStartTimeout, tuned,
                classDataSharing, recordedTls, httpsPort);
    }

    void record(Path stateFile) {
        Properties state = new Properties();
        ports.forEach((component, port) -> state.setProperty(component.id() + ".port", String.valueOf(port)));
        state.setProperty("kafka.controller.port", String.valueOf(kafkaControllerPort));
        state.setProperty("gateway.tls", String.valueOf(tls));
        if (tls) {
            state.setProperty("gateway.https.port", String.valueOf(gatewayHttpsPort));
        }
        try (OutputStream out = Files.newOutputStream(stateFile)) {
            state.store(out, "Ports and TLS mode of the running TempPic local stack");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + stateFile, e);
        }
    }

    private static int port(Map<String, String> environment, String variable, int defaultPort) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the variable's name.
        }
        throw new IllegalArgumentException("Invalid " + variable + "=" + value + ": expected a port from 1 to 65535");
    }

    private static long positiveNumber(Map<String, String> environment, String variable, long defaultValue) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the variable's name.
        }
        throw new IllegalArgumentException("Invalid " + variable + "=" + value + ": expected a positive number");
    }

    private static boolean onOff(Map<String, String> environment, String variable, boolean defaultValue) {
        String value = environment.getOrDefault(variable, "").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> defaultValue;
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException("Invalid " + variable + "=" + value + ": expected on or off");
        };
    }
}
