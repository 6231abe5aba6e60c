package dev.temppic.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives a problem body to error responses that a gateway filter completes without one.
 *
 * <p>The RequestRateLimiter filter of Spring Cloud Gateway ends a rejected request with {@code setComplete()}, an
 * empty 429. This filter catches that call and writes a problem with a plain {@code detail} instead, keeping the
 * {@code Retry-After} header the limiter set. Responses that carry a body, such as the services' own errors, pass
 * through untouched.
 */
@Component
public class EmptyErrorBodyFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                HttpStatus known = HttpStatus.resolve(status.value());
                if (known == null) {
                    return super.setComplete();
                }
                return Problems.write(exchange, getDelegate(), known, detail(known, getHeaders()), null);
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    static String detail(HttpStatus status, HttpHeaders headers) {
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
            return retryAfter == null
                    ? "Too many requests from your network. Wait a moment and try again."
                    : "Too many requests from your network. Try again in " + retryAfter + " "
                            + ("1".equals(retryAfter) ? "second." : "seconds.");
        }
        return ErrorDetails.forStatus(status);
    }
}
