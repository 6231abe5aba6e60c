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
                .retryOnConnectionFailure(false)
                .build();
        return MinioClient.builder()
                .endpoint(store.endpoint().toString())
                .credentials(store.accessKey(), store.secretKey())
                .region(store.region())
                .httpClient(httpClient)
                .build();
    }
}
