package dev.temppic.infra.containers;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.Infrastructure;
import dev.temppic.infra.server.KafkaTopics;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.RedisServer;
import dev.temppic.infra.server.S3ProxyServer;
import dev.temppic.infra.server.ServerStartException;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.infra.server.Versions;
import dev.temppic.model.keys.StoreNames;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

/**
 * Kafka (apache/kafka), Redis and MinIO in containers, for machines with a Docker engine.
 *
 * <p>With a local engine the host ports are bound on 127.0.0.1 only. Redis and MinIO get a fixed host port so
 * that {@link #stopRedis()} and {@link #startRedis()} (and the store counterparts) keep the address the services
 * were given; they stop and start the same container, which keeps its data.
 *
 * <p>NOTE: this class runs only where Docker is available, so it is not exercised on machines without one.
 */
public final class ContainerInfra implements Infrastructure {

    /** System properties that override the container images. */
    public static final String KAFKA_IMAGE_PROPERTY = "temppic.infra.image.kafka";
    public static final String REDIS_IMAGE_PROPERTY = "temppic.infra.image.redis";
    public static final String MINIO_IMAGE_PROPERTY = "temppic.infra.image.minio";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerInfra.class);
    private static final int REDIS_PORT = 6379;
    private static final int MINIO_PORT = 9000;

    private final KafkaContainer kafka;
    private final GenericContainer<?> redis;
    private final MinIOContainer minio;
    private final int redisHostPort;
    private final int minioHostPort;
    private final StoreCredentials credentials;

    private ContainerInfra() {
        boolean localEngine = isLocalEngine();
        this.credentials = StoreCredentials.random();
        this.redisHostPort = localEngine ? Ports.freePort() : 0;
        this.minioHostPort = localEngine ? Ports.freePort() : 0;

        this.kafka = new KafkaContainer(DockerImageName.parse(
                System.getProperty(KAFKA_IMAGE_PROPERTY, "apache/kafka:" + Versions.kafka())))
                .withCreateContainerCmdModifier(cmd -> bindHostPort(cmd, 9092, localEngine ? -1 : 0));
        this.redis = new GenericContainer<>(DockerImageName.parse(
                System.getProperty(REDIS_IMAGE_PROPERTY, "redis:7.4-alpine")))
                .withExposedPorts(REDIS_PORT)
                // Inside the container clients arrive from the bridge network, so protected mode would refuse
                // them; the host side is bound to 127.0.0.1 instead.
                .withCommand("redis-server", "--appendonly", "yes", "--protected-mode", "no")
                .withCreateContainerCmdModifier(cmd -> bindHostPort(cmd, REDIS_PORT, redisHostPort))
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        this.minio = new MinIOContainer(DockerImageName.parse(
                System.getProperty(MINIO_IMAGE_PROPERTY, "minio/minio:RELEASE.2023-09-04T19-57-37Z")))
                .withUserName(credentials.accessKey())
                .withPassword(credentials.secretKey())
                .withCreateContainerCmdModifier(cmd -> bindHostPort(cmd, MINIO_PORT, minioHostPort));
    }

    /** Starts the three containers, creates the topics and the bucket, and returns once all accept requests. */
    public static ContainerInfra start() {
        ContainerInfra infra = new ContainerInfra();
        long startNanos = System.nanoTime();
        try {
            infra.kafka.start();
            infra.redis.start();
            infra.minio.start();
            KafkaTopics.ensureTopics(infra.kafka.getBootstrapServers(), Duration.ofSeconds(60));
            infra.createBucket();
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
        LOG.info("Container infrastructure ready in {} ms: {}", (System.nanoTime() - startNanos) / 1_000_000,
                infra.connection());
        return infra;
    }

    /**
     * Binds {@code containerPort} on the host: on 127.0.0.1 at {@code hostPort} when it is positive, on 127.0.0.1
     * at a random port when it is -1, and as Testcontainers does by default (all interfaces of a remote engine)
     * when it is 0.
     */
    private static void bindHostPort(CreateContainerCmd cmd, int containerPort, int hostPort) {
        if (hostPort == 0 || cmd.getHostConfig() == null) {
            return;
        }
        com.github.dockerjava.api.model.Ports.Binding binding = hostPort > 0
                ? com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort(Ports.LOOPBACK, hostPort)
                : com.github.dockerjava.api.model.Ports.Binding.bindIp(Ports.LOOPBACK);
        cmd.getHostConfig().withPortBindings(new PortBinding(binding, ExposedPort.tcp(containerPort)));
    }

    private static boolean isLocalEngine() {
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        return "localhost".equals(host) || host.startsWith("127.");
    }

    private void createBucket() {
        try {
            MinioClient client = S3ProxyServer.newClient(storeEndpoint(), credentials);
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(StoreNames.BUCKET).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(StoreNames.BUCKET).build());
            }
        } catch (Exception e) {
            throw new ServerStartException("Creating bucket " + StoreNames.BUCKET + " in MinIO failed: " + e, e);
        }
    }

    private String storeEndpoint() {
        return "http://" + minio.getHost() + ":" + minio.getMappedPort(MINIO_PORT);
    }

    @Override
    public ConnectionInfo connection() {
        return new ConnectionInfo(kafka.getBootstrapServers(), redis.getHost(), redis.getMappedPort(REDIS_PORT),
                storeEndpoint(), credentials.accessKey(), credentials.secretKey(), StoreNames.BUCKET);
    }

    @Override
    public String description() {
        return "Testcontainers (apache/kafka, redis, minio)";
    }

    @Override
    public void stopRedis() {
        stopContainer(redis);
    }

    @Override
    public void startRedis() {
        startContainer(redis, () -> RedisServer.ping(redis.getHost(), redis.getMappedPort(REDIS_PORT)));
    }

    @Override
    public void stopStore() {
        stopContainer(minio);
    }

    @Override
    public void startStore() {
        startContainer(minio, () -> S3ProxyServer.answersHttp(storeEndpoint()));
    }

    private void stopContainer(GenericContainer<?> container) {
        long startNanos = System.nanoTime();
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
        LOG.info("Stopped container {} in {} ms", container.getDockerImageName(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Starts a stopped container again and waits until {@code healthCheck} passes. */
    private void startContainer(GenericContainer<?> container, BooleanSupplier healthCheck) {
        if (Boolean.TRUE.equals(DockerClientFactory.instance().client()
                .inspectContainerCmd(container.getContainerId()).exec().getState().getRunning())) {
            return;
        }
        long startNanos = System.nanoTime();
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!healthCheck.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ServerStartException("Container " + container.getDockerImageName()
                        + " did not pass its health check within 30 s after restart");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("Interrupted while restarting a container", e);
            }
        }
        LOG.info("Started container {} again in {} ms", container.getDockerImageName(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public void close() {
        for (GenericContainer<?> container : List.<GenericContainer<?>>of(minio, redis, kafka)) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("Failed to stop container {}", container.getDockerImageName(), e);
            }
        }
    }
}
