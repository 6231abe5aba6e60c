package dev.temppic.infra.stack;

import java.util.List;

/** The processes of the local stack, with their default ports and the variables that change them. */
enum StackComponent {

    KAFKA("kafka", "Kafka", 9092, "TEMPPIC_KAFKA_PORT", null),
    REDIS("redis", "Redis", 6379, "TEMPPIC_REDIS_PORT", null),
    STORE("s3proxy", "S3Proxy", 9000, "TEMPPIC_STORE_PORT", null),
    UPLOAD("upload", "upload-service", 8081, "TEMPPIC_UPLOAD_PORT", "upload-service"),
    SERVING("serving", "serving-service", 8082, "TEMPPIC_SERVING_PORT", "serving-service"),
    EXPIRY("expiry", "expiry-service", 8083, "TEMPPIC_EXPIRY_PORT", "expiry-service"),
    GATEWAY("gateway", "gateway-service", 8080, "TEMPPIC_GATEWAY_PORT", "gateway-service");

    /** The Kafka controller listener, which has no component of its own. */
    static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    static final String KAFKA_CONTROLLER_PORT_VARIABLE = "TEMPPIC_KAFKA_CONTROLLER_PORT";

    private final String id;
    private final String displayName;
    private final int defaultPort;
    private final String portVariable;
    private final String module;

    StackComponent(String id, String displayName, int defaultPort, String portVariable, String module) {
        this.id = id;
        this.displayName = displayName;
        this.defaultPort = defaultPort;
        this.portVariable = portVariable;
        this.module = module;
    }

    static List<StackComponent> infrastructure() {
        return List.of(KAFKA, REDIS, STORE);
    }

    static List<StackComponent> services() {
        return List.of(UPLOAD, SERVING, EXPIRY, GATEWAY);
    }

    /** Returns all components in the order {@code down} stops them: the gateway first, Kafka last. */
    static List<StackComponent> stopOrder() {
        return List.of(GATEWAY, UPLOAD, SERVING, EXPIRY, STORE, REDIS, KAFKA);
    }

    /** File-name form, used for the log, pid file and data folder. */
    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    int defaultPort() {
        return defaultPort;
    }

    String portVariable() {
        return portVariable;
    }

    /** Maven module folder of a service, or null for infrastructure. */
    String module() {
        return module;
    }

    boolean isService() {
        return module != null;
    }
}
