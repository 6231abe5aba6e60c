package dev.temppic.gateway.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes RFC 9457 problem responses ({@code application/problem+json}) in the same form as the backend services:
 * {@code type}, {@code title}, {@code status}, a plain-sentence {@code detail}, and the request id.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** Sets status and headers and writes the problem body; {@code retryAfter} may be null. */
    public static Mono<Void> write(ServerWebExchange exchange, ServerHttpResponse response, HttpStatus status,
            String detail, @Nullable Duration retryAfter) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        byte[] body = JSON.writeValueAsBytes(body(status, detail, RequestIdFilter.requestId(exchange)));
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static Map<String, Object> body(HttpStatus status, String detail, @Nullable String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }
}
