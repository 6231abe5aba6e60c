package dev.temppic.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import dev.temppic.infra.containers.ContainerInfra;
import dev.temppic.infra.server.RedisServer;
import dev.temppic.infra.server.S3ProxyServer;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.model.events.Topics;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/** The container path; skipped on machines without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfraIT {

    @Test
    void containersServeKafkaRedisAndStore() throws Exception {
        try (ContainerInfra infra = ContainerInfra.start()) {
            ConnectionInfo connection = infra.connection();

            ConsumerRecord<String, String> record = KafkaRoundTrip.sendAndReceive(
                    connection.kafkaBootstrapServers(), Topics.IMAGE_EVENTS, "id", "event");
            assertThat(record.value()).isEqualTo("event");

            assertThat(RedisServer.ping(connection.redisHost(), connection.redisPort())).isTrue();
            infra.stopRedis();
            assertThat(RedisServer.ping(connection.redisHost(), connection.redisPort())).isFalse();
            infra.startRedis();
            assertThat(RedisServer.ping(connection.redisHost(), connection.redisPort())).isTrue();

            MinioClient client = S3ProxyServer.newClient(connection.storeEndpoint(),
                    new StoreCredentials(connection.storeAccessKey(), connection.storeSecretKey()));
            byte[] content = "object".getBytes(StandardCharsets.UTF_8);
            client.putObject(PutObjectArgs.builder().bucket(connection.bucket()).object("o")
                    .stream(new ByteArrayInputStream(content), content.length, -1).build());
            infra.stopStore();
            infra.startStore();
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(connection.bucket())
                    .object("o").build())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }
}
