package dev.temppic.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for upload-service or serving-service: a JDK {@link HttpServer} on a free 127.0.0.1 port that records
 * every request it gets and responds through a {@link Responder}.
 *
 * <p>Header {@code X-Stand-In} on a request changes the response: {@code close} drops the connection without a response,
 * {@code close-once} does so only for the first attempt of each {@code X-Request-Id}, {@code slow} waits 3 s first,
 * and {@code unavailable} returns 503 with {@code Retry-After: 30} and a problem body.
 */
public final class StandInServer implements AutoCloseable {

    /** One request as the stand-in received it. */
    public record Recorded(String method, String path, String query, Headers headers, long bodyBytes) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One response: status, headers and body; a null body sends none. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response empty(int status) {
            return new Response(status, Map.of(), null);
        }
    }

    /** Chooses the response to a recorded request. */
    @FunctionalInterface
    public interface Responder {
        Response respond(Recorded request);
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<String> closedOnce = ConcurrentHashMap.newKeySet();

    private StandInServer(Responder responder) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    50);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to bind a stand-in server on 127.0.0.1", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> handle(exchange, responder));
        server.start();
    }

    /** Starts a stand-in on a free port of 127.0.0.1. */
    public static StandInServer start(Responder responder) {
        return new StandInServer(responder);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received so far, oldest first. */
    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests received so far whose path starts with {@code prefix}. */
    public List<Recorded> requestsTo(String prefix) {
        return requests.stream().filter(request -> request.path().startsWith(prefix)).toList();
    }

    public void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(OutputStreamSink.INSTANCE);
        }
        String query = exchange.getRequestURI().getRawQuery();
        Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                query == null ? "" : query, exchange.getRequestHeaders(), bodyBytes);
        requests.add(recorded);

        String mode = recorded.header("X-Stand-In");
        if ("close".equals(mode)
                || ("close-once".equals(mode) && closedOnce.add(String.valueOf(recorded.header("X-Request-Id"))))) {
            // An exception from the handler makes the JDK server drop the connection without a response.
            throw new IllegalStateException("Stand-in closes the connection on request");
        }
        if ("slow".equals(mode)) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Response response = "unavailable".equals(mode)
                ? new Response(503, Map.of("Content-Type", "application/problem+json", "Retry-After", "30"),
                        "{\"status\":503,\"detail\":\"Storage is down.\"}".getBytes(StandardCharsets.UTF_8))
                : responder.respond(recorded);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = response.body() == null || "HEAD".equals(recorded.method());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(response.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Discards bytes, counting them through {@link InputStream#transferTo}. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
