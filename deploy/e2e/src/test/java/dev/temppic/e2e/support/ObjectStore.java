package dev.temppic.e2e.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;

/**
 * Read-only view of the stack's bucket through the S3 API, with the store credentials of the stack. Object keys
 * are {@code {yyyy-MM-ddTHH}/{id}}, so an image's object is found by listing and matching the id.
 */
public final class ObjectStore {

    private static final String BUCKET = "temppic-images";

    private final MinioClient client;

    public ObjectStore(URI endpoint, Properties credentials) {
        this.client = MinioClient.builder()
                .endpoint(endpoint.toString())
                .region("us-east-1")
                .credentials(credentials.getProperty("access-key"), credentials.getProperty("secret-key"))
                .build();
    }

    /** Returns the key of the object of image {@code id}, if the bucket contains one. */
    public Optional<String> objectKeyOf(String id) {
        return keys().stream().filter(key -> key.endsWith("/" + id)).findFirst();
    }

    /** Returns every object key in the bucket. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(BUCKET).recursive(true)
                    .build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            // The MinIO client declares many checked exceptions, and each of them means the listing failed.
            throw new IllegalStateException("Failed to list bucket " + BUCKET + " of the stack's store", e);
        }
        return keys;
    }
}
