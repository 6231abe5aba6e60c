package dev.temppic.upload.service;

import dev.temppic.model.id.ImageLifetime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifetime and view limit that the uploader chose for one image.
 *
 * @param lifetime time from upload to expiry, between {@link ImageLifetime#MIN} and {@link ImageLifetime#MAX}
 * @param maxViews view limit from {@link ImageLifetime#MIN_VIEWS} to {@link ImageLifetime#MAX_VIEWS}, or empty for
 *     unlimited views until expiry
 */
public record UploadOptions(Duration lifetime, Optional<Integer> maxViews) {

    public UploadOptions {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(maxViews, "maxViews");
        if (lifetime.compareTo(ImageLifetime.MIN) < 0 || lifetime.compareTo(ImageLifetime.MAX) > 0) {
            throw new IllegalArgumentException("lifetime must be between " + ImageLifetime.MIN + " and "
                    + ImageLifetime.MAX + ", got " + lifetime);
        }
        maxViews.ifPresent(limit -> {
            if (limit < ImageLifetime.MIN_VIEWS || limit > ImageLifetime.MAX_VIEWS) {
                throw new IllegalArgumentException("maxViews must be between " + ImageLifetime.MIN_VIEWS + " and "
                        + ImageLifetime.MAX_VIEWS + ", got " + limit);
            }
        });
    }

    /** Returns the options for an uploader who sets neither: the longest lifetime and no view limit. */
    public static UploadOptions defaults() {
        return new UploadOptions(ImageLifetime.MAX, Optional.empty());
    }
}
