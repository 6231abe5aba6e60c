package dev.temppic.gateway;

import dev.temppic.gateway.support.BackendStandIns;
import dev.temppic.gateway.support.StandInServer;
import dev.temppic.gateway.support.StandInServer.Recorded;
import dev.temppic.gateway.support.TestImages;
import dev.temppic.infra.junit.TempPicInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.temppic.gateway.support.BackendStandIns.DELETE_TOKEN;
import static dev.temppic.gateway.support.BackendStandIns.IMAGE_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against stand-in services on loopback and a real Redis from the local test infrastructure, with the
 * production configuration except for the backend URLs and a trusted proxy on 127.0.0.1 (so each test can act as a
 * different client through {@code X-Forwarded-For}).
 */
@ExtendWith({TempPicInfraExtension.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temppic.gateway.trusted-proxies=127.0.0.1/32",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms"})
class GatewayIntegrationTest {

    static final byte[] PNG = TestImages.png(64, 48);
    static final StandInServer UPLOAD = BackendStandIns.uploadService("http://127.0.0.1");
    static final StandInServer SERVING = BackendStandIns.servingService(PNG, 64, 48);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BackendStandIns.registerGatewayProperties(registry, UPLOAD, SERVING);
    }

    @AfterAll
    static void stopStandIns() {
        UPLOAD.close();
        SERVING.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void clearRecordings() {
        UPLOAD.clear();
        SERVING.clear();
    }

    // ---- routing -------------------------------------------------------------------------------------------------

    @Test
    void uploadRoutesToUploadService() throws Exception {
        HttpResponse<String> response = send(post("/api/images?expiresIn=3600&maxViews=1", PNG, "198.51.100.1"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"id\":\"" + IMAGE_ID + "\"");
        assertThat(UPLOAD.requests()).hasSize(1);
        Recorded recorded = UPLOAD.requests().get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/api/images");
        assertThat(recorded.query()).isEqualTo("expiresIn=3600&maxViews=1");
        assertThat(recorded.bodyBytes()).isEqualTo(PNG.length);
        assertThat(SERVING.requests()).isEmpty();
    }

    @Test
    void deleteRoutesToUploadServiceWithToken() throws Exception {
        HttpRequest request = builder("/api/images/" + IMAGE_ID, "198.51.100.2")
                .header("X-Delete-Token", DELETE_TOKEN).DELETE().build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(UPLOAD.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.method()).isEqualTo("DELETE");
            assertThat(recorded.path()).isEqualTo("/api/images/" + IMAGE_ID);
            assertThat(recorded.header("X-Delete-Token")).isEqualTo(DELETE_TOKEN);
        });
        assertThat(SERVING.requests()).isEmpty();
    }

    @Test
    void imageBytesRouteToServingService() throws Exception {
        for (String path : List.of("/i/" + IMAGE_ID, "/i/" + IMAGE_ID + ".png")) {
            HttpResponse<byte[]> response = http.send(builder(path, "198.51.100.3").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(PNG);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("image/png");
        }
        HttpResponse<String> head = send(builder("/i/" + IMAGE_ID + ".png", "198.51.100.3")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);

        assertThat(SERVING.requests()).extracting(Recorded::method).containsExactly("GET", "GET", "HEAD");
        assertThat(SERVING.requests()).extracting(Recorded::path)
                .containsExactly("/i/" + IMAGE_ID, "/i/" + IMAGE_ID + ".png", "/i/" + IMAGE_ID + ".png");
        assertThat(UPLOAD.requests()).isEmpty();
    }

    @Test
    void metadataAndStatsRouteToServingService() throws Exception {
        HttpResponse<String> metadata = send(builder("/api/images/" + IMAGE_ID, "198.51.100.4").GET().build());
        HttpResponse<String> stats = send(builder("/api/stats", "198.51.100.4").GET().build());

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"width\":64");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"totals\"");
        assertThat(SERVING.requests()).extracting(Recorded::path)
                .containsExactly("/api/images/" + IMAGE_ID, "/api/stats");
        assertThat(UPLOAD.requests()).isEmpty();
    }

    @Test
    void wrongMethodOnApiPathIs405() throws Exception {
        record Case(String method, String path, String allow, String detail) {
        }
        List<Case> cases = List.of(
                new Case("PUT", "/api/images", "POST", "PUT is not allowed on /api/images. Use POST."),
                new Case("GET", "/api/images", "POST", "GET is not allowed on /api/images. Use POST."),
                new Case("PATCH", "/api/images/" + IMAGE_ID, "GET, HEAD, DELETE",
                        "PATCH is not allowed on /api/images/{id}. Use GET, HEAD or DELETE."),
                new Case("POST", "/i/" + IMAGE_ID + ".png", "GET, HEAD",
                        "POST is not allowed on /i/{segment}. Use GET or HEAD."),
                new Case("DELETE", "/api/stats", "GET, HEAD", "DELETE is not allowed on /api/stats. Use GET or HEAD."));

        for (Case testCase : cases) {
            HttpResponse<String> response = send(builder(testCase.path(), "198.51.100.5")
                    .method(testCase.method(), HttpRequest.BodyPublishers.noBody()).build());

            assertThat(response.statusCode()).as(testCase.toString()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(testCase.toString()).hasValue(testCase.allow());
            assertThat(response.headers().firstValue("Content-Type")).as(testCase.toString())
                    .hasValue("application/problem+json");
            assertThat(response.headers().firstValue("X-Request-Id")).as(testCase.toString()).isPresent();
            assertThat(response.body()).as(testCase.toString())
                    .contains("\"detail\":\"" + testCase.detail() + "\"");
        }
        assertThat(UPLOAD.requests()).isEmpty();
        assertThat(SERVING.requests()).isEmpty();
    }

    @Test
    void pagesServedByGateway() throws Exception {
        assertPage("/", "id=\"file-input\"");
        assertPage("/v/" + IMAGE_ID, "id=\"share\"");
        assertPage("/privacy", "id=\"privacy\"");
        assertThat(send(builder("/js/upload.js", null).GET().build()).statusCode()).isEqualTo(200);
        assertThat(send(builder("/css/app.css", null).GET().build()).statusCode()).isEqualTo(200);
        assertThat(UPLOAD.requests()).isEmpty();
        assertThat(SERVING.requests()).isEmpty();
    }

    @Test
    void sharePageForMalformedIdIsNotFound() throws Exception {
        HttpResponse<String> response = send(builder("/v/not-an-id", null).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("id=\"share\"");
    }

    @Test
    void unknownPathIsProblemNotFound() throws Exception {
        HttpResponse<String> response = send(builder("/nothing-here", null).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"detail\":\"Nothing exists at this address.");
    }

    @Test
    void shareXFileTargetsRequestHost() throws Exception {
        HttpResponse<String> response = send(builder("/temppic.sxcu", null).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment").contains("temppic.sxcu");
        assertThat(response.body())
                .contains("\"RequestURL\" : \"http://127.0.0.1:" + port + "/api/images\"")
                .contains("\"FileFormName\" : \"file\"")
                .contains("\"URL\" : \"http://127.0.0.1:" + port + "/i/{json:id}\"")
                .contains("\"DeletionURL\" : \"http://127.0.0.1:" + port + "/v/{json:id}#delete={json:deleteToken}\"")
                .contains("\"ErrorMessage\" : \"{json:detail}\"");
    }

    // ---- request size --------------------------------------------------------------------------------------------

    @Test
    void declaredBodyAboveLimitIs413() throws Exception {
        long tooLarge = 20L * 1024 * 1024 + 64 * 1024 + 1;
        String head = "POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "X-Forwarded-For: 198.51.100.5\r\nContent-Length: " + tooLarge + "\r\n\r\n";

        String response = rawExchange(head.getBytes(StandardCharsets.US_ASCII), new byte[1024]);

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(response).contains("The image is larger than the limit of 20 MiB.");
        assertThat(UPLOAD.requests()).isEmpty();
    }

    @Test
    void chunkedBodyAboveLimitIs413() throws Exception {
        String head = "POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "X-Forwarded-For: 198.51.100.6\r\nTransfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024 * 1024];
        for (int i = 0; i < 21; i++) {
            chunks.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(chunk);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        String response = rawExchange(head.getBytes(StandardCharsets.US_ASCII), chunks.toByteArray());

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("The image is larger than the limit of 20 MiB.");
    }

    @Test
    void multipartWithMaxSizeFilePasses() throws Exception {
        byte[] file = new byte[20 * 1024 * 1024];
        String boundary = "----TempPicBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpRequest request = builder("/api/images", "198.51.100.7")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(UPLOAD.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.bodyBytes()).isEqualTo(body.size()));
    }

    // ---- rate limits ---------------------------------------------------------------------------------------------

    @Test
    void uploadsAboveLimitGet429WithRetryAfter() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            responses.add(send(post("/api/images", PNG, "198.51.100.8")));
        }

        List<HttpResponse<String>> rejected = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(rejected).isNotEmpty();
        long accepted = responses.stream().filter(r -> r.statusCode() == 201).count();
        assertThat(accepted).isBetween(20L, 29L);
        assertThat(UPLOAD.requests()).hasSize((int) accepted);

        HttpResponse<String> first = rejected.get(0);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(first.body()).contains("\"status\":429").contains("Too many requests from your network.");

        // Another client is not affected.
        assertThat(send(post("/api/images", PNG, "198.51.100.9")).statusCode()).isEqualTo(201);
    }

    @Test
    void viewsHaveTheirOwnLimit() throws Exception {
        for (int i = 0; i < 25; i++) {
            send(post("/api/images", PNG, "198.51.100.10"));
        }
        assertThat(send(post("/api/images", PNG, "198.51.100.10")).statusCode()).isEqualTo(429);

        HttpResponse<String> view = send(builder("/api/images/" + IMAGE_ID, "198.51.100.10").GET().build());

        assertThat(view.statusCode()).isEqualTo(200);
    }

    @Test
    void redisHoldsNoClientAddress() throws Exception {
        String[] clients = {"203.0.113.77", "2001:db8:77::1"};
        for (String client : clients) {
            send(builder("/api/stats", client).GET().build());
            send(post("/api/images", PNG, client));
        }

        List<String> keys = redis.scan(ScanOptions.scanOptions().count(1000).build()).collectList()
                .block(Duration.ofSeconds(5));

        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            assertThat(key).doesNotContain("203.0.113.77").doesNotContain("2001:db8").doesNotContain("127.0.0.1")
                    .startsWith("request_rate_limiter.{");
            Duration ttl = redis.getExpire(key).block(Duration.ofSeconds(5));
            assertThat(ttl).as("TTL of %s", key).isNotNull().isPositive();
        }
        assertThat(keys).anyMatch(key -> key.startsWith("request_rate_limiter.{upload."))
                .anyMatch(key -> key.startsWith("request_rate_limiter.{stats."));
    }

    // ---- headers, request id, logs -------------------------------------------------------------------------------

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response = send(builder("/", null).GET().build());

        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .contains("img-src 'self' blob: data:").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Permissions-Policy").orElseThrow()).contains("camera=()");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Set-Cookie"));
    }

    @Test
    void imageKeepsItsOwnContentSecurityPolicy() throws Exception {
        HttpResponse<String> response = send(builder("/i/" + IMAGE_ID + ".png", "198.51.100.11").GET().build());

        assertThat(response.headers().allValues("Content-Security-Policy"))
                .containsExactly(BackendStandIns.IMAGE_CSP);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void requestIdGeneratedAndPassedOn() throws Exception {
        HttpResponse<String> response = send(builder("/api/stats", "198.51.100.12").GET().build());

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[A-Za-z0-9_-]{22}");
        assertThat(SERVING.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.header("X-Request-Id")).isEqualTo(requestId));
    }

    @Test
    void validRequestIdKept() throws Exception {
        String clientRequestId = "0f8fad5b-d9cb-469f-a165-70867728950e";
        HttpResponse<String> response = send(builder("/api/stats", "198.51.100.13")
                .header("X-Request-Id", clientRequestId).GET().build());

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(clientRequestId);
        assertThat(SERVING.requests()).singleElement()
                .satisfies(recorded -> assertThat(recorded.header("X-Request-Id")).isEqualTo(clientRequestId));
    }

    @Test
    void invalidRequestIdReplaced() throws Exception {
        for (String invalid : List.of("198.51.100.14", "short", "x".repeat(65), "a b c d e f g h")) {
            SERVING.clear();
            HttpResponse<String> response = send(builder("/api/stats", "198.51.100.14")
                    .header("X-Request-Id", invalid).GET().build());

            String returned = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(returned).as(invalid).isNotEqualTo(invalid).matches("[A-Za-z0-9_-]{22}");
            assertThat(SERVING.requests().get(0).header("X-Request-Id")).as(invalid).isEqualTo(returned);
        }
    }

    @Test
    void servicesGetNoClientAddress() throws Exception {
        send(builder("/api/stats", "198.51.100.15").header("Forwarded", "for=198.51.100.15").GET().build());

        Recorded recorded = SERVING.requests().get(0);
        assertThat(recorded.headers().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-forwarded"))
                .noneMatch(name -> name.equalsIgnoreCase("Forwarded"));
    }

    @Test
    void accessLogHasNoClientAddress(CapturedOutput output) throws Exception {
        int start = output.getAll().length();
        String userAgent = "TempPicTestAgent/1.0 (unique-agent-marker)";

        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/api/images"))
                .header("X-Forwarded-For", "192.0.2.201").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build());
        send(HttpRequest.newBuilder(uri("/i/" + IMAGE_ID + ".png"))
                .header("X-Forwarded-For", "2001:db8:201::9").header("User-Agent", userAgent).GET().build());
        send(HttpRequest.newBuilder(uri("/")).header("User-Agent", userAgent).GET().build());

        String requestId = upload.headers().firstValue("X-Request-Id").orElseThrow();
        String logged = awaitLog(output, start, requestId);
        assertThat(logged).contains("method=POST route=upload status=201 durationMs=")
                .contains("requestId=" + requestId)
                .contains("method=GET route=local status=200");
        assertThat(logged).doesNotContain("192.0.2.201").doesNotContain("2001:db8").doesNotContain("127.0.0.1")
                .doesNotContain("unique-agent-marker").doesNotContain(IMAGE_ID);
    }

    // ---- retries, timeouts ---------------------------------------------------------------------------------------

    @Test
    void metadataRetriedAfterBrokenConnection() throws Exception {
        HttpResponse<String> response = send(builder("/api/images/" + IMAGE_ID, "198.51.100.16")
                .header("X-Stand-In", "close-once").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SERVING.requests()).hasSize(2);
    }

    @Test
    void imageBytesNotRetriedAfterBrokenConnection() throws Exception {
        HttpResponse<String> response = send(builder("/i/" + IMAGE_ID, "198.51.100.17")
                .header("X-Stand-In", "close-once").GET().build());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(SERVING.requests()).hasSize(1);
    }

    @Test
    void uploadNeverRetried() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/images")).header("X-Forwarded-For", "198.51.100.18")
                .header("X-Stand-In", "close").POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(UPLOAD.requests()).hasSize(1);
    }

    @Test
    void serviceErrorPassedThroughNotRetried() throws Exception {
        HttpResponse<String> response = send(builder("/api/images/" + IMAGE_ID, "198.51.100.20")
                .header("X-Stand-In", "unavailable").GET().build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.body()).contains("Storage is down.");
        assertThat(SERVING.requests()).hasSize(1);
    }

    @Test
    void slowServiceTimesOutWith504() throws Exception {
        HttpResponse<String> response = send(builder("/api/stats", "198.51.100.19")
                .header("X-Stand-In", "slow").GET().build());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("took too long");
        assertThat(SERVING.requests()).hasSize(1);
    }

    @Test
    void readinessUpWithRedis() throws Exception {
        HttpResponse<String> response = send(builder("/actuator/health/readiness", null).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void assertPage(String path, String marker) throws Exception {
        HttpResponse<String> response = send(builder(path, null).GET().build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        assertThat(response.body()).as(path).contains(marker);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder builder(String path, String forwardedFor) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        return forwardedFor == null ? builder : builder.header("X-Forwarded-For", forwardedFor);
    }

    private HttpRequest post(String path, byte[] body, String forwardedFor) {
        return builder(path, forwardedFor).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes over one connection, tolerating a reset while sending, and returns what came back. */
    private String rawExchange(byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            try {
                for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                }
                out.flush();
            } catch (IOException e) {
                // The gateway may respond and close before the whole body is sent.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    response.write(buffer, 0, read);
                    if (response.toString(StandardCharsets.ISO_8859_1).contains("\"detail\"")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // Connection closed after the response.
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static String awaitLog(CapturedOutput output, int start, String marker) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String logged = output.getAll().substring(start);
            if (logged.contains(marker)) {
                return logged;
            }
            Thread.sleep(100);
        }
        return output.getAll().substring(start);
    }
}
