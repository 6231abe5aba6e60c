package dev.temppic.gateway.tls;

import dev.temppic.gateway.GatewayProperties;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Plain-HTTP listener that responds to every request with {@code 308 Permanent Redirect} to the same path on HTTPS.
 *
 * <p>Started once the HTTPS server is up, on {@code temppic.gateway.tls.http-redirect-port} and the same
 * {@code server.address}, and only when {@code server.ssl} is enabled. The target host is
 * {@code temppic.gateway.public-base-url} when set, else the request's {@code Host} header, which must be a plain host
 * name or IP literal.
 */
@Component
public class HttpsRedirectServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpsRedirectServer.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    private final TlsProperties tls;
    private final GatewayProperties gateway;
    private final Environment environment;
    private volatile @Nullable DisposableServer server;

    public HttpsRedirectServer(TlsProperties tls, GatewayProperties gateway, Environment environment) {
        this.tls = tls;
        this.gateway = gateway;
        this.environment = environment;
    }

    @EventListener
    public void onWebServerStarted(WebServerInitializedEvent event) {
        boolean sslEnabled = environment.getProperty("server.ssl.enabled", Boolean.class, true)
                && environment.containsProperty("server.ssl.bundle");
        if (tls.httpRedirectPort() == 0 || !sslEnabled || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        int httpsPort = event.getWebServer().getPort();
        String address = environment.getProperty("server.address", "127.0.0.1");
        server = HttpServer.create()
                .host(address)
                .port(tls.httpRedirectPort())
                .handle((request, response) -> redirect(request, response, httpsPort))
                .bindNow();
        log.info("Redirecting HTTP on {}:{} to HTTPS port {}", address, tls.httpRedirectPort(), httpsPort);
    }

    private Mono<Void> redirect(HttpServerRequest request, HttpServerResponse response, int httpsPort) {
        String location = location(request.requestHeaders().get(HttpHeaderNames.HOST), request.uri(), httpsPort);
        if (location == null) {
            return response.status(HttpResponseStatus.BAD_REQUEST).send();
        }
        return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
                .header(HttpHeaderNames.LOCATION, location)
                .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    /** Builds the HTTPS URL for {@code pathAndQuery}, or returns null when the Host header is unusable. */
    @Nullable String location(@Nullable String hostHeader, String pathAndQuery, int httpsPort) {
        String path = pathAndQuery.startsWith("/") ? pathAndQuery : "/";
        URI base = gateway.publicBaseUrl();
        if (base != null) {
            return "https://" + base.getRawAuthority() + path;
        }
        if (hostHeader == null) {
            return null;
        }
        String host = stripPort(hostHeader.trim());
        if (!HOST.matcher(host).matches()) {
            return null;
        }
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + path;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public void destroy() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow();
        }
    }
}
