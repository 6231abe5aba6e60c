package dev.temppic.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.temppic.model.id.ImageId;

import java.util.UUID;

/**
 * One event in the life of an image, published to {@link Topics#IMAGE_EVENTS} with the image id as
 * record key.
 *
 * <p>The JSON form carries a {@code type} discriminator whose value is the record's simple name, e.g.
 * {@code {"type":"ImageViewed", ...}}. Consumers are at-least-once, so they deduplicate by
 * {@link #eventId()}. No event carries an IP address, user agent or filename.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ImageUploaded.class),
        @JsonSubTypes.Type(ImageDeletionRequested.class),
        @JsonSubTypes.Type(ImageViewed.class),
        @JsonSubTypes.Type(ImageDeleted.class)
})
public sealed interface ImageEvent permits ImageUploaded, ImageDeletionRequested, ImageViewed, ImageDeleted {

    /**
     * Unique id of this event and the key for deduplication. It is random, except that
     * {@link ImageDeleted} derives it from the object key so a repeated deletion counts once.
     */
    UUID eventId();

    /** The image the event is about; also the Kafka record key. */
    ImageId imageId();
}
