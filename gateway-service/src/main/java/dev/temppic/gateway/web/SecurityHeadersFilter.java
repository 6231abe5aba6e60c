package dev.temppic.gateway.web;

import dev.temppic.gateway.tls.TlsProperties;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Adds security headers to every response, just before it is committed.
 *
 * <p>Pages and static files get {@link #PAGE_POLICY}: same-origin scripts, styles, fetches and images only, plus
 * {@code blob:} and {@code data:} images for previews and history thumbnails, and no framing. Responses from the
 * services keep their own {@code Content-Security-Policy} (serving-service sends {@code default-src 'none'; sandbox}
 * with image bytes); a service response without one gets {@link #API_POLICY}. {@code Strict-Transport-Security} is
 * sent only on HTTPS connections, as browsers ignore it over HTTP.
 */
@Component
public class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:"
            + " data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), browsing-topics=(), camera=(),"
            + " display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    private final String hsts;

    public SecurityHeadersFilter(TlsProperties tls) {
        this.hsts = "max-age=" + tls.hstsMaxAge().toSeconds() + (tls.hstsIncludeSubdomains() ? "; includeSubDomains"
                : "");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            apply(exchange);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void apply(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        boolean fromService = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null;
        if (!headers.containsHeader("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", fromService ? API_POLICY : PAGE_POLICY);
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Permissions-Policy", PERMISSIONS_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (exchange.getRequest().getSslInfo() != null) {
            headers.set("Strict-Transport-Security", hsts);
        }
    }
}
