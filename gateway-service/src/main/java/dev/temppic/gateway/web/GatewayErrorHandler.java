package dev.temppic.gateway.web;

import dev.temppic.gateway.ratelimit.RateLimiterUnavailableException;
import dev.temppic.gateway.upload.UploadTooLargeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Turns every exception that reaches the top of the gateway into a problem response, ahead of Spring Boot's default
 * handler (which runs at order -1 and would describe the request path in its log and body).
 *
 * <p>Log lines name the route and request id, never the client or the path.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    /** {@code Retry-After} sent with errors caused by a failed service or Redis. */
    static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(10);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().clear();
        String route = routeId(exchange);
        String requestId = RequestIdFilter.requestId(exchange);

        UploadTooLargeException tooLarge = findCause(error, UploadTooLargeException.class);
        if (tooLarge != null) {
            return Problems.write(exchange, exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge.getMessage(), null);
        }
        if (error instanceof RateLimiterUnavailableException) {
            return Problems.write(exchange, exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    "Uploads are paused for a moment because a dependency is down. Try again in a few seconds.",
                    RETRY_AFTER_UNAVAILABLE);
        }
        if (findCause(error, ConnectException.class) != null) {
            log.warn("Backend connection failed: route={} requestId={} error={}", route, requestId, error.toString());
            return Problems.write(exchange, exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    ErrorDetails.forStatus(HttpStatus.SERVICE_UNAVAILABLE), RETRY_AFTER_UNAVAILABLE);
        }
        if (error instanceof ResponseStatusException statusError) {
            return writeStatus(exchange, statusError.getStatusCode(), route, requestId, error);
        }
        if (findCause(error, TimeoutException.class) != null) {
            return writeStatus(exchange, HttpStatus.GATEWAY_TIMEOUT, route, requestId, error);
        }
        if (findCause(error, IOException.class) != null) {
            // The connection to the service broke before a complete response arrived.
            return writeStatus(exchange, HttpStatus.BAD_GATEWAY, route, requestId, error);
        }
        log.error("Request failed: route={} requestId={}", route, requestId, error);
        return Problems.write(exchange, exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorDetails.forStatus(HttpStatus.INTERNAL_SERVER_ERROR), null);
    }

    private static Mono<Void> writeStatus(ServerWebExchange exchange, HttpStatusCode code, String route,
            String requestId, Throwable error) {
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = code.is5xxServerError() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        if (status.is5xxServerError()) {
            log.warn("Request failed: route={} requestId={} status={} error={}", route, requestId, status.value(),
                    error.toString());
        }
        Duration retryAfter = status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.GATEWAY_TIMEOUT
                || status == HttpStatus.BAD_GATEWAY ? RETRY_AFTER_UNAVAILABLE : null;
        return Problems.write(exchange, exchange.getResponse(), status, ErrorDetails.forStatus(status), retryAfter);
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "local" : route.getId();
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
