package dev.temppic.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Responds with 405, an {@code Allow} header and a problem body when a request uses a method that its API path does
 * not accept, such as {@code PUT /api/images}. Without this filter no route matches such a request, and the client
 * gets a 404 that suggests the address is wrong. The method sets below must match the routes in
 * {@code application.yml}. {@code OPTIONS} gets the same 405, because the API serves no cross-origin requests.
 */
@Component
public class MethodNotAllowedFilter implements WebFilter, Ordered {

    private static final List<ApiPath> API_PATHS = List.of(
            new ApiPath("/api/images", Set.of(HttpMethod.POST)),
            new ApiPath("/api/images/{id}", Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE)),
            new ApiPath("/api/stats", Set.of(HttpMethod.GET, HttpMethod.HEAD)),
            new ApiPath("/i/{segment}", Set.of(HttpMethod.GET, HttpMethod.HEAD)));

    @Override
    public int getOrder() {
        // After the request id, access log, security header and problem body filters, so the 405 carries all four.
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (ApiPath apiPath : API_PATHS) {
            if (!apiPath.pattern().matches(path)) {
                continue;
            }
            if (apiPath.methods().contains(method)) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, apiPath.allowHeader());
            String detail = method.name() + " is not allowed on " + apiPath.pattern().getPatternString()
                    + ". Use " + apiPath.allowText() + ".";
            return Problems.write(exchange, exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED, detail, null);
        }
        return chain.filter(exchange);
    }

    /** A path pattern of the public API and the methods its routes accept. */
    private record ApiPath(PathPattern pattern, Set<HttpMethod> methods) {

        ApiPath(String pattern, Set<HttpMethod> methods) {
            this(PathPatternParser.defaultInstance.parse(pattern), methods);
        }

        /** Returns the methods in a fixed order for the {@code Allow} header, such as "GET, HEAD, DELETE". */
        String allowHeader() {
            return sortedNames().collect(Collectors.joining(", "));
        }

        /** Returns the methods as prose for the problem detail, such as "GET, HEAD or DELETE". */
        String allowText() {
            List<String> names = sortedNames().toList();
            if (names.size() == 1) {
                return names.get(0);
            }
            return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        }

        private Stream<String> sortedNames() {
            List<HttpMethod> order = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.DELETE);
            return order.stream().filter(methods::contains).map(HttpMethod::name);
        }
    }
}
