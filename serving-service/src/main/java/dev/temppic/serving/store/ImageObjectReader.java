package dev.temppic.serving.store;

import dev.temppic.model.service.StoreProperties;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.error.ImageNotFoundException;
import dev.temppic.serving.image.ImageMetadata;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.security.GeneralSecurityException;

/** Opens encrypted image objects in the store for reading. This service never writes or deletes objects. */
@Component
public class ImageObjectReader {

    private static final Logger log = LoggerFactory.getLogger(ImageObjectReader.class);

    /** S3 error code of a GET for a key that does not exist. */
    private static final String NO_SUCH_KEY = "NoSuchKey";

    private final MinioClient minio;
    private final String bucket;

    public ImageObjectReader(MinioClient minio, StoreProperties store) {
        this.minio = minio;
        this.bucket = store.bucket();
    }

    /**
     * Sends the GET for an image's object and returns its content as it streams in. The store has sent
     * its response headers when this returns, so an unreachable store fails here, before the response to
     * the client is started. The caller closes the stream.
     *
     * @throws ImageNotFoundException when the object is gone (deleted while its metadata was still cached)
     * @throws DependencyUnavailableException when the store fails or cannot be reached
     */
    public StoreObjectStream open(ImageMetadata image) {
        try {
            return new StoreObjectStream(minio.getObject(GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(image.objectKey().value())
                    .build()));
        } catch (ErrorResponseException e) {
            if (NO_SUCH_KEY.equals(e.errorResponse().code())) {
                log.info("Object of image {} is missing from the store; responding with 404", image.id());
                throw new ImageNotFoundException();
            }
            throw new DependencyUnavailableException(Dependency.STORE, image.id(), e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new DependencyUnavailableException(Dependency.STORE, image.id(), e);
        }
    }
}
