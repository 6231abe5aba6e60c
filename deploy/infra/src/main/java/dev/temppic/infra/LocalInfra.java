package dev.temppic.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.temppic.infra.server.KafkaKraftServer;
import dev.temppic.infra.server.ManagedServer;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.RedisServer;
import dev.temppic.infra.server.S3ProxyServer;

/**
 * Kafka (KRaft), Redis and S3Proxy as local processes on 127.0.0.1, with the TempPic topics and bucket created.
 *
 * <p>The three servers start in parallel. If one fails, the others are stopped before the error is thrown.
 */
public final class LocalInfra implements Infrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

    private final LocalInfraSettings settings;
    private final KafkaKraftServer kafka;
    private final RedisServer redis;
    private final S3ProxyServer store;

    private LocalInfra(LocalInfraSettings settings) {
        this.settings = settings;
        this.kafka = new KafkaKraftServer(settings.kafka().port(), settings.kafkaController().port(),
                settings.dataDir().resolve("kafka"), settings.logDir().resolve("kafka.log"), settings.kafkaMode(),
                settings.kafka().setting(), settings.kafkaController().setting(), settings.kafkaOptions(),
                settings.kafkaClasspath());
        this.redis = new RedisServer(settings.redis().port(), settings.dataDir().resolve("redis"),
                settings.logDir().resolve("redis.log"), settings.redis().setting(), settings.redisOptions());
        this.store = new S3ProxyServer(settings.store().port(), settings.dataDir().resolve("s3proxy"),
                settings.logDir().resolve("s3proxy.log"), settings.storeCredentials(), settings.bucket(),
                settings.store().setting(), settings.storeOptions());
    }

    /** Starts all three servers and returns once each passes its health check. */
    public static LocalInfra start(LocalInfraSettings settings) {
        LocalInfra infra = new LocalInfra(settings);
        infra.startAll();
        return infra;
    }

    private void startAll() {
        long startNanos = System.nanoTime();
        List<ManagedServer> servers = List.of(kafka, redis, store);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (ManagedServer server : servers) {
            starts.add(CompletableFuture.runAsync(server::start, runnable -> {
                Thread thread = new Thread(runnable, "temppic-start-" + server.name());
                thread.setDaemon(true);
                thread.start();
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
        LOG.info("Local infrastructure ready in {} ms: {}", (System.nanoTime() - startNanos) / 1_000_000,
                connection());
    }

    public KafkaKraftServer kafka() {
        return kafka;
    }

    public RedisServer redis() {
        return redis;
    }

    public S3ProxyServer store() {
        return store;
    }

    public LocalInfraSettings settings() {
        return settings;
    }

    @Override
    public ConnectionInfo connection() {
        return new ConnectionInfo(kafka.bootstrapServers(), Ports.LOOPBACK, redis.port(), store.endpoint(),
                store.credentials().accessKey(), store.credentials().secretKey(), store.bucket());
    }

    @Override
    public String description() {
        return "local processes (Kafka " + kafka.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ", Redis, S3Proxy)";
    }

    @Override
    public void stopRedis() {
        redis.stop();
    }

    @Override
    public void startRedis() {
        if (!redis.isRunning()) {
            redis.start();
        }
    }

    @Override
    public void stopStore() {
        store.stop();
    }

    @Override
    public void startStore() {
        if (!store.isRunning()) {
            store.start();
        }
    }

    /** Stops the servers in reverse start order; a failure to stop one does not keep the others running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (ManagedServer server : List.of(store, redis, kafka)) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.warn("Failed to stop {} on port {}", server.name(), server.port(), e);
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
