package dev.temppic.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Where the gateway sends requests, bound from {@code temppic.gateway.*}.
 *
 * @param uploadUri base URL of upload-service
 * @param servingUri base URL of serving-service
 */
@ConfigurationProperties("temppic.gateway")
public record GatewayProperties(URI uploadUri, URI servingUri) {

    public GatewayProperties {
        if (uploadUri == null) {
            uploadUri = URI.create("http://127.0.0.1:8081");
        }
        if (servingUri == null) {
            servingUri = URI.create("http://127.0.0.1:8082");
        }
    }
}
