package dev.temppic.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/**
 * Service addresses, public origin and trusted proxies of the gateway, bound from {@code temppic.gateway.*}.
 *
 * @param uploadUri      base URL of upload-service
 * @param servingUri     base URL of serving-service
 * @param publicBaseUrl  public origin of the site (for example {@code https://temppic.example}), used for the ShareX
 *                       file and the HTTPS redirect; when unset, both use the scheme and host of the request
 * @param trustedProxies CIDR ranges (or single addresses) of reverse proxies whose {@code X-Forwarded-For} header is
 *                       believed; requests from any other peer are keyed by their socket address
 */
@ConfigurationProperties("temppic.gateway")
public record GatewayProperties(
        URI uploadUri, URI servingUri, @Nullable URI publicBaseUrl, List<String> trustedProxies) {

    public GatewayProperties {
        if (uploadUri == null) {
            uploadUri = URI.create("http://127.0.0.1:8081");
        }
        if (servingUri == null) {
            servingUri = URI.create("http://127.0.0.1:8082");
        }
        if (publicBaseUrl != null && (publicBaseUrl.getScheme() == null || publicBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException("Invalid temppic.gateway.public-base-url '" + publicBaseUrl
                    + "': expected an absolute URL such as https://temppic.example");
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
