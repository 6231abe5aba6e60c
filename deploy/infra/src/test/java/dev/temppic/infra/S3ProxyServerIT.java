package dev.temppic.infra;

import static dev.temppic.infra.ProcessAssertions.assertListensOnlyOnLoopback;
import static dev.temppic.infra.ProcessAssertions.assertNoChildProcessUsing;
import static dev.temppic.infra.ProcessAssertions.assertPortClosed;
import static dev.temppic.infra.ProcessAssertions.assertProcessGone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.infra.server.S3ProxyServer;
import dev.temppic.infra.server.ServerStartException;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.model.keys.StoreNames;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;

class S3ProxyServerIT {

    private static final byte[] CONTENT = "not really a JPEG".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private S3ProxyServer store;

    @AfterEach
    void stopStore() {
        if (store != null) {
            store.stop();
        }
    }

    private S3ProxyServer newStore(int port, StoreCredentials credentials) {
        return new S3ProxyServer(port, dir.resolve("s3proxy"), dir.resolve("s3proxy.log"), credentials,
                StoreNames.BUCKET, "TEMPPIC_STORE_PORT", ProcessOptions.forTests());
    }

    @Test
    void putGetWithCheckedSignatureThenStop() throws Exception {
        int port = Ports.freePort();
        StoreCredentials credentials = StoreCredentials.random();
        store = newStore(port, credentials);
        store.start();
        long pid = store.pid();
        MinioClient client = S3ProxyServer.newClient(store.endpoint(), credentials);

        assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(StoreNames.BUCKET).build())).isTrue();
        put(client, "2026-01-01T00/abc");
        assertThat(get(client, "2026-01-01T00/abc")).isEqualTo(CONTENT);
        assertListensOnlyOnLoopback(port);

        store.stop();

        assertProcessGone(pid);
        assertPortClosed(port);
        assertNoChildProcessUsing(dir);
    }

    @Test
    void wrongSecretOrAccessKeyIsRejected() throws Exception {
        StoreCredentials credentials = StoreCredentials.random();
        store = newStore(Ports.freePort(), credentials);
        store.start();
        MinioClient wrongSecret = S3ProxyServer.newClient(store.endpoint(),
                new StoreCredentials(credentials.accessKey(), credentials.secretKey() + "x"));
        MinioClient wrongAccessKey = S3ProxyServer.newClient(store.endpoint(),
                new StoreCredentials("unknown" + credentials.accessKey(), credentials.secretKey()));

        assertThatThrownBy(() -> put(wrongSecret, "rejected"))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> get(wrongAccessKey, "rejected"))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.response().code()).isEqualTo(403));
    }

    @Test
    void restartKeepsObjectsOnSamePort() throws Exception {
        int port = Ports.freePort();
        StoreCredentials credentials = StoreCredentials.random();
        store = newStore(port, credentials);
        store.start();
        MinioClient client = S3ProxyServer.newClient(store.endpoint(), credentials);
        put(client, "kept");

        store.stop();
        assertThat(store.isHealthy()).isFalse();
        store.start();

        assertThat(store.port()).isEqualTo(port);
        assertThat(get(client, "kept")).isEqualTo(CONTENT);
    }

    @Test
    void missingJarNamesPathAndFix() {
        String previousJar = System.getProperty(S3ProxyServer.JAR_PROPERTY);
        String previousRepository = System.getProperty("maven.repo.local");
        try {
            System.setProperty(S3ProxyServer.JAR_PROPERTY, dir.resolve("missing.jar").toString());
            assertThatThrownBy(S3ProxyServer::locateJar)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining(dir.resolve("missing.jar").toString());

            System.clearProperty(S3ProxyServer.JAR_PROPERTY);
            System.setProperty("maven.repo.local", dir.toString());
            assertThatThrownBy(S3ProxyServer::locateJar)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining(dir.resolve("org/gaul/s3proxy").toString())
                    .hasMessageContaining("mvn -pl deploy/infra dependency:resolve");
        } finally {
            restoreProperty(S3ProxyServer.JAR_PROPERTY, previousJar);
            restoreProperty("maven.repo.local", previousRepository);
        }
    }

    private static void restoreProperty(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }

    private static void put(MinioClient client, String key) throws Exception {
        client.putObject(PutObjectArgs.builder()
                .bucket(StoreNames.BUCKET)
                .object(key)
                .stream(new ByteArrayInputStream(CONTENT), CONTENT.length, -1)
                .contentType("application/octet-stream")
                .build());
    }

    private static byte[] get(MinioClient client, String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(StoreNames.BUCKET).object(key).build())) {
            return in.readAllBytes();
        }
    }
}
