package dev.temppic.gateway.tls;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * HTTPS-related settings, bound from {@code temppic.gateway.tls.*}. The certificate itself is a Spring Boot SSL
 * bundle named by {@code server.ssl.bundle}.
 *
 * @param httpRedirectPort      port of a plain-HTTP listener that redirects every request to HTTPS with 308; 0 (the
 *                              default) starts none. Only used while {@code server.ssl} is enabled.
 * @param hstsMaxAge            {@code max-age} of the {@code Strict-Transport-Security} header on HTTPS responses
 * @param hstsIncludeSubdomains whether that header also covers subdomains
 */
@ConfigurationProperties("temppic.gateway.tls")
public record TlsProperties(int httpRedirectPort, Duration hstsMaxAge, boolean hstsIncludeSubdomains) {

    public TlsProperties {
        if (httpRedirectPort < 0 || httpRedirectPort > 65535) {
            throw new IllegalArgumentException("temppic.gateway.tls.http-redirect-port must be 0 to 65535, got "
                    + httpRedirectPort);
        }
        if (hstsMaxAge == null) {
            hstsMaxAge = Duration.ofDays(365);
        }
    }
}
