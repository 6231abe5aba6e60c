package dev.temppic.model.events;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The bytes of an image were sent once (a GET that was neither HEAD nor 304). Carries no viewer data.
 *
 * @param eventId unique event id
 * @param imageId the image
 * @param viewedAt time of the view
 */
public record ImageViewed(UUID eventId, ImageId imageId, Instant viewedAt) implements ImageEvent {

    public ImageViewed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(viewedAt, "viewedAt");
    }
}
