package dev.temppic.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.infra.server.RedisServer;
import dev.temppic.infra.server.S3ProxyServer;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.model.events.Topics;
import dev.temppic.model.keys.StoreNames;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/** The shared infrastructure, used the way a service's integration test uses it. */
@ExtendWith(TempPicInfraExtension.class)
class TempPicInfraExtensionIT {

    @Test
    void sameInfrastructureForWholeJvm() {
        assertThat(TempPicInfraExtension.infrastructure()).isSameAs(TempPicInfraExtension.infrastructure());
        assertThat(TempPicInfraExtension.infrastructure()).isInstanceOf(LocalInfra.class);
    }

    @Test
    void springPropertiesPointAtServers() {
        ConnectionInfo connection = TempPicInfraExtension.connection();
        Map<String, Object> registered = new LinkedHashMap<>();

        TempPicInfraExtension.registerSpringProperties((name, value) -> registered.put(name, value.get()));

        assertThat(registered).containsOnlyKeys("spring.kafka.bootstrap-servers", "spring.data.redis.host",
                "spring.data.redis.port", "temppic.store.endpoint", "temppic.store.access-key",
                "temppic.store.secret-key", "temppic.store.bucket");
        assertThat(registered.get("spring.kafka.bootstrap-servers")).isEqualTo(connection.kafkaBootstrapServers());
        assertThat(connection.kafkaBootstrapServers()).startsWith("127.0.0.1:");
        assertThat(registered.get("spring.data.redis.host")).isEqualTo("127.0.0.1");
        assertThat(registered.get("spring.data.redis.port")).isEqualTo(String.valueOf(connection.redisPort()));
        assertThat(registered.get("temppic.store.endpoint")).isEqualTo(connection.storeEndpoint());
        assertThat(registered.get("temppic.store.bucket")).isEqualTo(StoreNames.BUCKET);
        assertThat(registered.get("temppic.store.secret-key")).isEqualTo(connection.storeSecretKey());
        assertThat(connection.toString()).doesNotContain(connection.storeSecretKey());
    }

    @Test
    void kafkaTopicCarriesRecord() throws Exception {
        ConsumerRecord<String, String> record = KafkaRoundTrip.sendAndReceive(
                TempPicInfraExtension.connection().kafkaBootstrapServers(), Topics.IMAGE_EVENTS, "id", "event");

        assertThat(record.value()).isEqualTo("event");
    }

    @Test
    void redisStopsAndComesBackOnSamePort() {
        ConnectionInfo connection = TempPicInfraExtension.connection();
        int port = connection.redisPort();
        RespClient.send(port, "SET", "restart-check", "kept");

        TempPicInfraExtension.infrastructure().stopRedis();

        assertThat(RedisServer.ping("127.0.0.1", port)).isFalse();

        TempPicInfraExtension.infrastructure().startRedis();

        assertThat(TempPicInfraExtension.connection().redisPort()).isEqualTo(port);
        assertThat(RedisServer.ping("127.0.0.1", port)).isTrue();
        assertThat(RespClient.send(port, "GET", "restart-check")).isEqualTo("kept");
    }

    @Test
    void storeStopsAndComesBackOnSamePort() throws Exception {
        ConnectionInfo connection = TempPicInfraExtension.connection();
        MinioClient client = S3ProxyServer.newClient(connection.storeEndpoint(),
                new StoreCredentials(connection.storeAccessKey(), connection.storeSecretKey()));
        byte[] content = "object".getBytes(StandardCharsets.UTF_8);
        client.putObject(PutObjectArgs.builder().bucket(connection.bucket()).object("restart-check")
                .stream(new ByteArrayInputStream(content), content.length, -1).build());

        TempPicInfraExtension.infrastructure().stopStore();

        assertThat(S3ProxyServer.answersHttp(connection.storeEndpoint())).isFalse();

        TempPicInfraExtension.infrastructure().startStore();

        assertThat(TempPicInfraExtension.connection().storeEndpoint()).isEqualTo(connection.storeEndpoint());
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(connection.bucket())
                .object("restart-check").build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }
}
