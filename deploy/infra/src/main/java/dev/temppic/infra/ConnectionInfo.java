package dev.temppic.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Connection details of the running infrastructure, for the services. {@link #toString()} omits the store
 * secret key.
 *
 * @param kafkaBootstrapServers host:port list for Kafka clients
 * @param storeEndpoint         base URL of the S3-compatible store, such as {@code http://127.0.0.1:9000}
 * @param bucket                the bucket that exists at start
 */
public record ConnectionInfo(String kafkaBootstrapServers, String redisHost, int redisPort, String storeEndpoint,
        String storeAccessKey, String storeSecretKey, String bucket) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    public static final String REDIS_HOST = "spring.data.redis.host";
    public static final String REDIS_PORT = "spring.data.redis.port";
    public static final String STORE_ENDPOINT = "temppic.store.endpoint";
    public static final String STORE_ACCESS_KEY = "temppic.store.access-key";
    public static final String STORE_SECRET_KEY = "temppic.store.secret-key";
    public static final String STORE_BUCKET = "temppic.store.bucket";

    /** Returns the Spring Boot properties that point the services at this infrastructure, in a stable order. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        properties.put(REDIS_HOST, redisHost);
        properties.put(REDIS_PORT, String.valueOf(redisPort));
        properties.put(STORE_ENDPOINT, storeEndpoint);
        properties.put(STORE_ACCESS_KEY, storeAccessKey);
        properties.put(STORE_SECRET_KEY, storeSecretKey);
        properties.put(STORE_BUCKET, bucket);
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Registers {@link #springProperties()} with a registry that takes name and value supplier, such as Spring's
     * {@code DynamicPropertyRegistry::add} in a {@code @DynamicPropertySource} method.
     */
    public void registerSpringProperties(BiConsumer<String, Supplier<Object>> registry) {
        springProperties().forEach((name, value) -> registry.accept(name, () -> value));
    }

    @Override
    public String toString() {
        return "ConnectionInfo[kafkaBootstrapServers=" + kafkaBootstrapServers + ", redis=" + redisHost + ":"
                + redisPort + ", storeEndpoint=" + storeEndpoint + ", storeAccessKey=" + storeAccessKey
                + ", storeSecretKey=<hidden>, bucket=" + bucket + "]";
    }
}
