package dev.temppic.infra;

import java.nio.file.Path;
import java.util.Locale;

import dev.temppic.infra.server.KafkaKraftServer;
import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.model.keys.StoreNames;

/**
 * Folders, ports and process options of the three servers of {@link LocalInfra}.
 *
 * @param dataDir        parent of the kafka/, redis/ and s3proxy/ data folders
 * @param logDir         folder for kafka.log, redis.log and s3proxy.log
 * @param kafkaClasspath classpath of the Kafka JVM in {@link KafkaKraftServer.Mode#PROCESS}
 */
public record LocalInfraSettings(
        Path dataDir,
        Path logDir,
        PortSpec kafka,
        PortSpec kafkaController,
        PortSpec redis,
        PortSpec store,
        KafkaKraftServer.Mode kafkaMode,
        String kafkaClasspath,
        StoreCredentials storeCredentials,
        String bucket,
        ProcessOptions kafkaOptions,
        ProcessOptions redisOptions,
        ProcessOptions storeOptions) {

    /** System property that chooses the Kafka mode in tests: {@code in-process} (default) or {@code process}. */
    public static final String KAFKA_MODE_PROPERTY = "temppic.infra.kafka-mode";

    private static final String RANDOM_PORT_HINT = "nothing (the port was chosen at random; run the tests again)";

    /**
     * Settings for tests: free random ports, random store credentials, bucket {@link StoreNames#BUCKET}, data and
     * logs under {@code baseDir}, Kafka in-process unless system property {@value #KAFKA_MODE_PROPERTY} is
     * {@code process}.
     */
    public static LocalInfraSettings forTests(Path baseDir) {
        return new LocalInfraSettings(
                baseDir.resolve("data"),
                baseDir.resolve("logs"),
                new PortSpec(Ports.freePort(), RANDOM_PORT_HINT),
                new PortSpec(Ports.freePort(), RANDOM_PORT_HINT),
                new PortSpec(Ports.freePort(), RANDOM_PORT_HINT),
                new PortSpec(Ports.freePort(), RANDOM_PORT_HINT),
                kafkaModeFromSystemProperty(),
                KafkaKraftServer.currentClasspath(),
                StoreCredentials.random(),
                StoreNames.BUCKET,
                ProcessOptions.forTests(),
                ProcessOptions.forTests(),
                ProcessOptions.forTests());
    }

    public LocalInfraSettings withKafkaMode(KafkaKraftServer.Mode mode) {
        return new LocalInfraSettings(dataDir, logDir, kafka, kafkaController, redis, store, mode, kafkaClasspath,
                storeCredentials, bucket, kafkaOptions, redisOptions, storeOptions);
    }

    static KafkaKraftServer.Mode kafkaModeFromSystemProperty() {
        String value = System.getProperty(KAFKA_MODE_PROPERTY, "in-process").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "in-process" -> KafkaKraftServer.Mode.IN_PROCESS;
            case "process" -> KafkaKraftServer.Mode.PROCESS;
            default -> throw new IllegalArgumentException("Invalid system property " + KAFKA_MODE_PROPERTY + "="
                    + value + "; expected in-process or process");
        };
    }
}
