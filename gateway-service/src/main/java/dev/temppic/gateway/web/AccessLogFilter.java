package dev.temppic.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;

/**
 * Writes one access-log line per request to the {@code dev.temppic.gateway.access} logger:
 * {@code method=GET route=image-bytes status=200 durationMs=12 requestId=...}.
 *
 * <p>The line contains no client address, user agent, path or query, because paths carry image ids and delete tokens
 * travel in queries. Requests served by the gateway itself (pages, static files, actuator) log {@code route=local}.
 * The duration runs until the response headers are sent, since that is when the line is written.
 */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("dev.temppic.gateway.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            log(exchange, start);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static void log(ServerWebExchange exchange, long start) {
        if (!ACCESS_LOG.isInfoEnabled()) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        ACCESS_LOG.info("method={} route={} status={} durationMs={} requestId={}",
                exchange.getRequest().getMethod().name(),
                route == null ? "local" : route.getId(),
                status == null ? 200 : status.value(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                RequestIdFilter.requestId(exchange));
    }
}
