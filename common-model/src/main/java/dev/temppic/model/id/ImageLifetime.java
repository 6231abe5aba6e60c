package dev.temppic.model.id;

import java.time.Duration;

/** Bounds on how long an image may live and how often it may be viewed. */
public final class ImageLifetime {

    /** Minimum lifetime an uploader may choose. */
    public static final Duration MIN = Duration.ofSeconds(60);

    /** Maximum lifetime, and the default: no image outlives it. */
    public static final Duration MAX = Duration.ofHours(24);

    /** Smallest view limit; 1 means the image is deleted after its first view. */
    public static final int MIN_VIEWS = 1;

    /** Largest view limit an uploader may choose. */
    public static final int MAX_VIEWS = 1000;

    private ImageLifetime() {
    }
}
