package dev.temppic.gateway;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.infra.server.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Both services unreachable (free ports where nothing listens): the gateway returns 503 problems itself. */
@ExtendWith(TempPicInfraExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendUnavailableTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConnectionInfo infra = TempPicInfraExtension.connection();
        registry.add(ConnectionInfo.REDIS_HOST, infra::redisHost);
        registry.add(ConnectionInfo.REDIS_PORT, infra::redisPort);
        int uploadPort = Ports.freePort();
        int servingPort = Ports.freePort();
        registry.add("temppic.gateway.upload-uri", () -> "http://127.0.0.1:" + uploadPort);
        registry.add("temppic.gateway.serving-uri", () -> "http://127.0.0.1:" + servingPort);
    }

    @LocalServerPort
    int port;

    @Test
    void unreachableServiceIs503WithRetryAfter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/api/stats", "/i/AbCdEfGhIjKlMnOpQrStUw"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("10");
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(response.body()).as(path).contains("The image service is not available right now.");
        }
    }

    @Test
    void pagesStillServedWithoutServices() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
