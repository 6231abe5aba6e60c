package dev.temppic.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}, forwards it to the services and returns it to the client.
 *
 * <p>A client's own id is kept when it is 8 to 64 characters of {@code [A-Za-z0-9_-]}, which covers UUIDs and the
 * gateway's own ids. Anything else is replaced with a new random id. Dots and colons are not allowed, so an IP address
 * cannot be written into the access log through this header.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String clientRequestId = exchange.getRequest().getHeaders().getFirst(HEADER);
        boolean valid = clientRequestId != null && VALID.matcher(clientRequestId).matches();
        String requestId = valid ? clientRequestId : newRequestId();

        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(HEADER, requestId))
                .build();
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getAttributes().put(ATTRIBUTE, requestId);
        mutated.getResponse().beforeCommit(() -> {
            // set(), not add(): a backend that echoes the header must not produce a second value.
            mutated.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(mutated);
    }

    /** Returns the id given to this exchange, or null before this filter ran. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    static String newRequestId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }
}
