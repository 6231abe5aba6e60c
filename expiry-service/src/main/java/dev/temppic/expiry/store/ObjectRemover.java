package dev.temppic.expiry.store;

import dev.temppic.model.service.StoreProperties;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deletes objects from the image bucket with S3 multi-object delete requests. Thread-safe. */
@Component
public class ObjectRemover {

    /** Maximum number of keys in one S3 multi-object delete request. */
    public static final int MAX_KEYS_PER_REQUEST = 1000;

    /** S3 error code for a key that does not exist; a missing object counts as deleted. */
    private static final String NO_SUCH_KEY = "NoSuchKey";

    private final MinioClient minio;
    private final StoreProperties store;

    public ObjectRemover(MinioClient minio, StoreProperties store) {
        this.minio = minio;
        this.store = store;
    }

    /**
     * Deletes up to {@value #MAX_KEYS_PER_REQUEST} objects in one request and reports the outcome per key.
     * Store errors are returned in the result, not thrown.
     *
     * @throws IllegalArgumentException for more than {@value #MAX_KEYS_PER_REQUEST} keys
     */
    public RemovalResult remove(Collection<String> objectKeys) {
        if (objectKeys.size() > MAX_KEYS_PER_REQUEST) {
            throw new IllegalArgumentException("At most " + MAX_KEYS_PER_REQUEST + " keys per request, got "
                    + objectKeys.size());
        }
        Set<String> requested = new LinkedHashSet<>(objectKeys);
        if (requested.isEmpty()) {
            return new RemovalResult(Set.of(), Map.of(), null);
        }
        List<DeleteObject> objects = new ArrayList<>(requested.size());
        requested.forEach(key -> objects.add(new DeleteObject(key)));
        Map<String, String> failed = new LinkedHashMap<>();
        try {
            // The MinIO client sends the request only while the returned Iterable is consumed, and reports both
            // a failed request and each rejected key as an element of it.
            Iterable<Result<DeleteError>> results = minio.removeObjects(
                    RemoveObjectsArgs.builder().bucket(store.bucket()).objects(objects).build());
            for (Result<DeleteError> result : results) {
                DeleteError error = result.get();
                if (!NO_SUCH_KEY.equals(error.code())) {
                    failed.put(error.objectName(), error.code() + ": " + error.message());
                }
            }
        } catch (Exception e) {
            return new RemovalResult(Set.of(), Map.of(), e);
        }
        Set<String> removed = new LinkedHashSet<>(requested);
        removed.removeAll(failed.keySet());
        return new RemovalResult(removed, failed, null);
    }
}
