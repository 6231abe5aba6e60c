package dev.temppic.expiry;

import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.expiry.support.TestImage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deletion meters as Prometheus scrapes them. */
class MetricsIT extends ExpiryIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void prometheusExportsDeletionMeters() throws Exception {
        Instant now = Instant.now();
        TestImage image = storeImage(now, now.plusSeconds(1), null);
        publish(image.uploadedEvent());
        await().atMost(Duration.ofSeconds(10)).until(() -> !objectExists(image.key()));

        String metrics = scrape();

        assertThat(metrics).contains(
                "temppic_expiry_deletions_total{application=\"expiry-service\",reason=\"EXPIRED\"}",
                "temppic_expiry_deletions_total{application=\"expiry-service\",reason=\"SWEPT\"}",
                "temppic_expiry_deletion_lateness_seconds_bucket{application=\"expiry-service\",reason=\"EXPIRED\",le=\"1.0\"}",
                "temppic_expiry_deletion_lateness_seconds_count{application=\"expiry-service\",reason=\"EXPIRED\"}",
                "temppic_expiry_deletion_failures_total{application=\"expiry-service\",stage=\"store\"}",
                "temppic_expiry_backlog_due{application=\"expiry-service\"}",
                "temppic_expiry_backlog_claimed{application=\"expiry-service\"}",
                "temppic_expiry_backlog_oldest_age_seconds{application=\"expiry-service\"}");
        assertThat(metrics).doesNotContain("temppic_expiry_deletions_total{application=\"expiry-service\",reason=\"EXPIRED\"} 0.0");
    }

    private String scrape() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
