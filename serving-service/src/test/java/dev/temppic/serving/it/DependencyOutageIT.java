package dev.temppic.serving.it;

import dev.temppic.infra.Infrastructure;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.serving.error.ProblemResponses;
import dev.temppic.serving.events.ImageEventPublisher;
import dev.temppic.serving.support.Http;
import dev.temppic.serving.support.ImageFixture;
import dev.temppic.serving.support.ServingInstance;
import dev.temppic.serving.support.StoredImage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** 503 while Redis or the store is down, recovery without a restart, and serving while Kafka is unreachable. */
@ExtendWith(TempPicInfraExtension.class)
class DependencyOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DAY = Duration.ofHours(24);
    /** Generous bound for a request during an outage; the Redis command timeout is 1 s. */
    private static final Duration FAST_FAILURE = Duration.ofMillis(2500);
    /** Lettuce reconnects with a back-off of at most 1 s, plus the time to connect and PING. */
    private static final Duration REDIS_RECOVERY = Duration.ofSeconds(5);

    private static Infrastructure infrastructure;
    private static ServingInstance serving;
    private static ImageFixture images;

    @BeforeAll
    static void start() {
        infrastructure = TempPicInfraExtension.infrastructure();
        serving = ServingInstance.start();
        images = new ImageFixture(TempPicInfraExtension.connection());
    }

    @AfterEach
    void restoreInfrastructure() {
        infrastructure.startRedis();
        infrastructure.startStore();
    }

    @AfterAll
    static void stop() {
        if (images != null) {
            images.close();
        }
        if (serving != null) {
            serving.close();
        }
    }

    @Test
    void redisOutageIsUnavailableThenRecovers() {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, null);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);

        infrastructure.stopRedis();
        long start = System.nanoTime();
        HttpResponse<byte[]> image503 = Http.get(serving.uri(image.path()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        HttpResponse<byte[]> stats503 = Http.get(serving.uri("/api/stats"));

        assertUnavailable(image503);
        assertUnavailable(stats503);
        assertThat(elapsed).isLessThan(FAST_FAILURE);

        infrastructure.startRedis();
        await().atMost(REDIS_RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(serving.uri(image.path())).statusCode() == 200);
        assertThat(Http.get(serving.uri(image.path())).body()).isEqualTo(image.bytes());
    }

    @Test
    void storeOutageIsUnavailableThenRecovers() {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, 5);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);

        infrastructure.stopStore();
        long start = System.nanoTime();
        HttpResponse<byte[]> get503 = Http.get(serving.uri(image.path()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        HttpResponse<byte[]> head = Http.head(serving.uri(image.path()));

        assertUnavailable(get503);
        assertThat(elapsed).isLessThan(FAST_FAILURE);
        // The failed GET did not use up a view, and HEAD never reads the store.
        assertThat(images.views(image)).isEqualTo(1);
        assertThat(head.statusCode()).isEqualTo(200);

        infrastructure.startStore();
        // The first request after the restart already succeeds: a pooled connection to the old store
        // process is retried on a new one.
        HttpResponse<byte[]> recovered = Http.get(serving.uri(image.path()));
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).isEqualTo(image.bytes());
        assertThat(images.views(image)).isEqualTo(2);
    }

    @Test
    void kafkaOutageStillServesAndCountsDroppedEvents() throws IOException {
        ServingInstance withoutKafka = ServingInstance.start(
                Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort()));
        try {
            StoredImage image = images.storePng(withoutKafka.clock().instant(), DAY, null);

            long start = System.nanoTime();
            HttpResponse<byte[]> response = Http.get(withoutKafka.uri(image.path()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(image.bytes());
            // The producer waits up to max.block.ms (2 s) for metadata, but only on the publisher thread.
            assertThat(elapsed).isLessThan(Duration.ofMillis(1500));
            MeterRegistry registry = withoutKafka.bean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> dropped(registry) >= 1);
            String prometheus = Http.text(Http.get(withoutKafka.uri("/actuator/prometheus")));
            assertThat(prometheus).contains("temppic_events_dropped_total{");
            assertThat(Http.get(withoutKafka.uri("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        } finally {
            withoutKafka.close();
        }
    }

    private static void assertUnavailable(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo(ProblemResponses.UNAVAILABLE_DETAIL);
        assertThat(Http.text(response)).doesNotContain("Exception", "at dev.", "at org.");
    }

    private static double dropped(MeterRegistry registry) {
        return registry.find(ImageEventPublisher.DROPPED_METRIC).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Returns a port on 127.0.0.1 that nothing listens on: bound once to get a free number, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
