package dev.temppic.serving.events;

import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.serving.image.ImageLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Evicts an image from this instance's metadata cache as soon as a deletion event for it arrives.
 *
 * <p>NOTE: every instance reads every event on the topic, ImageViewed included, so the consumed volume is
 * views times instances. A separate compacted topic for deletions would remove that cost.
 */
@Component
class CacheEvictionListener {

    /** Listener id, for finding the container in the endpoint registry; not the group id. */
    static final String LISTENER_ID = "image-cache-eviction";

    private static final Logger log = LoggerFactory.getLogger(CacheEvictionListener.class);

    private final ImageLookup lookup;

    CacheEvictionListener(ImageLookup lookup) {
        this.lookup = lookup;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.IMAGE_EVENTS,
            containerFactory = KafkaEventsConfiguration.CACHE_EVICTION_FACTORY)
    void onImageEvent(ImageEvent event) {
        if (event instanceof ImageDeletionRequested || event instanceof ImageDeleted) {
            lookup.evict(event.imageId());
            log.debug("Evicted image {} from the metadata cache after {}", event.imageId(),
                    event.getClass().getSimpleName());
        }
    }
}
