package dev.temppic.upload.store;

import dev.temppic.model.service.StoreProperties;
import dev.temppic.model.keys.ObjectKey;
import io.minio.MinioClient;
import io.minio.ObjectWriteArgs;
import io.minio.RemoveObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.MinioException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Writes and removes encrypted image objects in the private bucket.
 *
 * <p>Every object has {@value #OBJECT_CONTENT_TYPE} as its content type and no other metadata: the bytes are
 * ciphertext, and the image's media type lives in {@code img:{id}} next to the wrapped data key. Nothing about the
 * uploader, such as a filename, reaches the store.
 */
@Component
public class ImageStore {

    /** Content type of every stored object. */
    public static final String OBJECT_CONTENT_TYPE = "application/octet-stream";

    private final MinioClient minio;
    private final String bucket;

    public ImageStore(MinioClient minio, StoreProperties store) {
        this.minio = minio;
        this.bucket = store.bucket();
    }

    /**
     * Uploads {@code ciphertext} as the object {@code key} in a single PUT request. The part size is the largest that
     * S3 allows, so the client never switches to a multipart upload. For a file, MinIO Java client 8.6 streams the
     * body through a 16 KiB buffer instead of holding a part in memory.
     */
    public void put(ObjectKey key, Path ciphertext) throws StoreException {
        try {
            UploadObjectArgs args = UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(key.value())
                    .filename(ciphertext.toString(), ObjectWriteArgs.MAX_PART_SIZE)
                    .contentType(OBJECT_CONTENT_TYPE)
                    .build();
            minio.uploadObject(args);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new StoreException("Cannot put object " + key + " into bucket " + bucket + ": " + describe(e), e);
        }
    }

    /** Removes the object {@code key}; removing an object that does not exist succeeds. */
    public void delete(ObjectKey key) throws StoreException {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key.value()).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new StoreException("Cannot remove object " + key + " from bucket " + bucket + ": " + describe(e), e);
        }
    }

    /** Names the error without the HTTP trace that some MinIO exceptions carry. */
    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
