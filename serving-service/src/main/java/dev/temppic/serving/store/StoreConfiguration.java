package dev.temppic.serving.store;

import io.minio.MinioClient;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the store client from {@link StoreProperties}. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    MinioClient minioClient(StoreProperties store) {
        if (store.accessKey() == null || store.secretKey() == null) {
            throw new IllegalStateException("Store credentials are missing: set temppic.store.access-key and "
                    + "temppic.store.secret-key (or TEMPPIC_STORE_ACCESS_KEY and TEMPPIC_STORE_SECRET_KEY).");
        }
        OkHttpClient httpClient = new OkHttpClient.Builder()
                .connectTimeout(store.timeout())
                .readTimeout(store.timeout())
                .writeTimeout(store.timeout())
                // This service only sends GETs, which are safe to retry. The retry covers a pooled
                // connection that the store closed, e.g. after a store restart; without it the first request
                // on each such connection would fail with 503.
                .retryOnConnectionFailure(true)
                .build();
        return MinioClient.builder()
                .endpoint(store.endpoint().toString())
                .credentials(store.accessKey(), store.secretKey())
                .region(store.region())
                .httpClient(httpClient)
                .build();
    }
}
