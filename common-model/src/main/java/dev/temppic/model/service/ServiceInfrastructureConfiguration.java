package dev.temppic.model.service;

import io.minio.MinioClient;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Spring wiring shared by the services that hold store credentials (upload, serving and expiry): the
 * typed {@code temppic.store.*} settings, the store client, and the readiness checks named {@code store}
 * and {@code kafka}. A service imports it from its application class; the gateway, which has no store
 * credentials, does not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
@Import({StoreHealthIndicator.class, KafkaHealthIndicator.class})
public class ServiceInfrastructureConfiguration {

    @Bean
    public MinioClient minioClient(StoreProperties store) {
        if (store.accessKey() == null || store.secretKey() == null) {
            throw new IllegalStateException("Store credentials are missing: set temppic.store.access-key and "
                    + "temppic.store.secret-key (or TEMPPIC_STORE_ACCESS_KEY and TEMPPIC_STORE_SECRET_KEY).");
        }
        OkHttpClient httpClient = new OkHttpClient.Builder()
                .connectTimeout(store.timeout())
                .readTimeout(store.timeout())
                .writeTimeout(store.timeout())
                .retryOnConnectionFailure(store.retryOnConnectionFailure())
                .socketFactory(new NoDelaySocketFactory())
                .build();
        return MinioClient.builder()
                .endpoint(store.endpoint().toString())
                .credentials(store.accessKey(), store.secretKey())
                .region(store.region())
                .httpClient(httpClient)
                .build();
    }
}
