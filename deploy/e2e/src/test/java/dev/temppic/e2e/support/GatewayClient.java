package dev.temppic.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP client of the public API, aimed only at the gateway of the stack under test. Every request carries the same
 * distinctive {@code User-Agent}, which the privacy check later looks for in the stack's files.
 */
public final class GatewayClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String userAgent;
    private final HttpClient http;

    public GatewayClient(URI base, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
        // No proxy, whatever the environment sets, because the only target is the stack on 127.0.0.1.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /** Returns the absolute URI of {@code pathOrUrl}, which may be a path like {@code /i/x.png} or a full URL. */
    public URI resolve(String pathOrUrl) {
        return base.resolve(pathOrUrl);
    }

    /** Sends {@code Content-Type: multipart/form-data} with one part named {@code file}. */
    public HttpResponse<byte[]> uploadMultipart(String filename, String contentType, byte[] content, String query) {
        String boundary = "e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(uploadPath(query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Sends the image as the raw request body, as {@code curl --data-binary} does. */
    public HttpResponse<byte[]> uploadRaw(String contentType, byte[] content, String query) {
        return send(request(uploadPath(query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** Sends a GET with optional header name and value pairs. */
    public HttpResponse<byte[]> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder builder = request(pathOrUrl).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    public HttpResponse<byte[]> head(String pathOrUrl) {
        return send(request(pathOrUrl).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** Deletes an image with its token in the {@code X-Delete-Token} header. */
    public HttpResponse<byte[]> delete(String id, String deleteToken) {
        return send(request("/api/images/" + id).header("X-Delete-Token", deleteToken).DELETE());
    }

    /** Parses a JSON response body. */
    public static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    /** Returns the body as UTF-8 text, for failure messages. */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String uploadPath(String query) {
        return query == null || query.isEmpty() ? "/api/images" : "/api/images?" + query;
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        URI target = resolve(pathOrUrl);
        if (!target.getHost().equals(base.getHost()) || target.getPort() != base.getPort()) {
            throw new IllegalArgumentException("Request target " + target + " is not the gateway under test at "
                    + base);
        }
        return HttpRequest.newBuilder(target).timeout(TIMEOUT).header("User-Agent", userAgent);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Request to the gateway at " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a request to " + base, e);
        }
    }
}
