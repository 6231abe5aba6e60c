package dev.temppic.serving.error;

import dev.temppic.model.id.ImageId;

import java.util.Optional;

/** A call to Redis or the store failed or timed out; the request gets 503 with {@code Retry-After}. */
public class DependencyUnavailableException extends RuntimeException {

    private final Dependency dependency;
    private final ImageId imageId;

    /**
     * @param dependency the service that failed
     * @param imageId the image the request was about, or {@code null} for requests about no single image
     * @param cause the client library's exception
     */
    public DependencyUnavailableException(Dependency dependency, ImageId imageId, Throwable cause) {
        super(dependency.displayName() + " call failed" + (imageId == null ? "" : " for image " + imageId), cause);
        this.dependency = dependency;
        this.imageId = imageId;
    }

    public Dependency dependency() {
        return dependency;
    }

    public Optional<ImageId> imageId() {
        return Optional.ofNullable(imageId);
    }
}
