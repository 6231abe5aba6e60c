package dev.temppic.infra;

import static dev.temppic.infra.ProcessAssertions.assertListensOnlyOnLoopback;
import static dev.temppic.infra.ProcessAssertions.assertNoChildProcessUsing;
import static dev.temppic.infra.ProcessAssertions.assertPortClosed;
import static dev.temppic.infra.ProcessAssertions.assertProcessGone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.KafkaKraftServer;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.model.events.Topics;

/** The Kafka node as its own JVM, the way the local stack runs it. */
class KafkaKraftServerIT {

    @TempDir
    Path dir;

    private KafkaKraftServer kafka;

    @AfterEach
    void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void separateJvmServesTopicsOnLoopbackAndRestarts() throws Exception {
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        kafka = new KafkaKraftServer(port, controllerPort, dir.resolve("kafka"), dir.resolve("kafka.log"),
                KafkaKraftServer.Mode.PROCESS, "TEMPPIC_KAFKA_PORT", "TEMPPIC_KAFKA_CONTROLLER_PORT",
                ProcessOptions.forTests(), KafkaKraftServer.currentClasspath());

        kafka.start();
        long firstPid = kafka.pid();

        assertThat(firstPid).isNotEqualTo(ProcessHandle.current().pid());
        assertRequiredTopics();
        ConsumerRecord<String, String> record =
                KafkaRoundTrip.sendAndReceive(kafka.bootstrapServers(), Topics.IMAGE_EVENTS, "image-1", "{}");
        assertThat(record.key()).isEqualTo("image-1");
        assertThat(record.value()).isEqualTo("{}");
        assertListensOnlyOnLoopback(port);
        assertListensOnlyOnLoopback(controllerPort);
        assertThat(Files.readString(dir.resolve("kafka.log"))).contains("Kafka Server started");
        String clusterId = Files.readString(dir.resolve("kafka/logs/meta.properties"));

        kafka.stop();

        assertProcessGone(firstPid);
        assertPortClosed(port);
        assertPortClosed(controllerPort);

        // A second start on the same folder keeps the cluster and its topics, and creating them again is harmless.
        kafka.start();

        assertThat(kafka.pid()).isNotEqualTo(firstPid);
        assertThat(Files.readString(dir.resolve("kafka/logs/meta.properties"))).isEqualTo(clusterId);
        assertRequiredTopics();
        ConsumerRecord<String, String> afterRestart =
                KafkaRoundTrip.sendAndReceive(kafka.bootstrapServers(), Topics.IMAGE_EVENTS_DLT, "image-2", "x");
        assertThat(afterRestart.value()).isEqualTo("x");

        long secondPid = kafka.pid();
        kafka.stop();
        assertProcessGone(secondPid);
        assertNoChildProcessUsing(dir);
    }

    private void assertRequiredTopics() throws Exception {
        Map<String, TopicDescription> topics = KafkaRoundTrip.describeTopics(kafka.bootstrapServers(),
                List.of(Topics.IMAGE_EVENTS, Topics.IMAGE_EVENTS_DLT));
        assertThat(topics.get(Topics.IMAGE_EVENTS).partitions()).hasSize(Topics.IMAGE_EVENTS_PARTITIONS);
        assertThat(topics.get(Topics.IMAGE_EVENTS_DLT).partitions()).hasSize(Topics.IMAGE_EVENTS_PARTITIONS);
    }
}
