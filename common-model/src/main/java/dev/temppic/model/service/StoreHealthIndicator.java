package dev.temppic.model.service;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Readiness of the object store: the image bucket exists and this service's credentials are accepted. */
@Component("store")
public class StoreHealthIndicator extends AbstractHealthIndicator {

    private final MinioClient minio;
    private final StoreProperties store;

    public StoreHealthIndicator(MinioClient minio, StoreProperties store) {
        super("Object store health check failed");
        this.minio = minio;
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(store.bucket()).build());
        builder.withDetail("bucket", store.bucket());
        if (exists) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "bucket not found");
        }
    }
}
