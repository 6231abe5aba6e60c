package dev.temppic.gateway;

import dev.temppic.gateway.support.BackendStandIns;
import dev.temppic.gateway.support.StandInServer;
import dev.temppic.gateway.support.TestImages;
import dev.temppic.infra.server.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.temppic.gateway.support.BackendStandIns.IMAGE_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with its Redis unreachable (a free port where nothing listens): uploads fail closed with 503, views fail
 * open, and readiness reports the outage. Services are live stand-ins, so only Redis is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisDownTest {

    static final StandInServer UPLOAD = BackendStandIns.uploadService("http://127.0.0.1");
    static final StandInServer SERVING = BackendStandIns.servingService(TestImages.png(8, 8), 8, 8);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        int closedPort = Ports.freePort();
        registry.add("spring.data.redis.port", () -> closedPort);
        registry.add("temppic.gateway.upload-uri", UPLOAD::baseUrl);
        registry.add("temppic.gateway.serving-uri", SERVING::baseUrl);
    }

    @AfterAll
    static void stopStandIns() {
        UPLOAD.close();
        SERVING.close();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void uploadsFailClosedQuickly() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/images"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                .build(), HttpResponse.BodyHandlers.ofString());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("Uploads are paused for a moment");
        assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
        assertThat(UPLOAD.requests()).isEmpty();
    }

    @Test
    void viewsFailOpen() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/i/" + IMAGE_ID + ".png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SERVING.requestsTo("/i/")).isNotEmpty();
    }

    @Test
    void readinessDownWithoutRedis() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
