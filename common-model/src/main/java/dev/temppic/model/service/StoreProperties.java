package dev.temppic.model.service;

import dev.temppic.model.keys.StoreNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Connection to the S3-compatible object store, bound from {@code temppic.store.*}.
 *
 * @param endpoint base URL of the store, e.g. {@code http://127.0.0.1:9000}
 * @param accessKey access key of this service's own store user
 * @param secretKey secret key of that user; never logged
 * @param bucket the private image bucket
 * @param region region name used for request signing
 * @param timeout connect, read and write timeout of store requests
 * @param retryOnConnectionFailure whether the HTTP client resends a request once on a fresh connection
 *     when a pooled connection turns out to be closed, as after a store restart. Set it only in a service
 *     whose store requests are all safe to repeat.
 */
@ConfigurationProperties("temppic.store")
@Validated
public record StoreProperties(URI endpoint, String accessKey, String secretKey, String bucket, String region,
                              Duration timeout, boolean retryOnConnectionFailure) {

    public StoreProperties {
        if (endpoint == null) {
            endpoint = URI.create("http://127.0.0.1:9000");
        }
        if (bucket == null || bucket.isBlank()) {
            bucket = StoreNames.BUCKET;
        }
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(10);
        }
    }

    @Override
    public String toString() {
        return "StoreProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
