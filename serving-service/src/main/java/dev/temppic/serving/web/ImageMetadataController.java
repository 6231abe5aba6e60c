package dev.temppic.serving.web;

import dev.temppic.model.id.ImageId;
import dev.temppic.serving.error.ImageNotFoundException;
import dev.temppic.serving.image.ImageLookup;
import dev.temppic.serving.image.ImageMetadata;
import dev.temppic.serving.image.ImageMetadataRepository;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/** Public metadata of one image, for the share page. Reading it never counts a view. */
@RestController
class ImageMetadataController {

    private final ImageLookup lookup;
    private final ImageMetadataRepository repository;
    private final Clock clock;

    ImageMetadataController(ImageLookup lookup, ImageMetadataRepository repository, Clock clock) {
        this.lookup = lookup;
        this.repository = repository;
        this.clock = clock;
    }

    /** Not cacheable ({@code no-store}): viewsLeft changes with every view. */
    @GetMapping("/api/images/{id}")
    ResponseEntity<PublicImageMetadata> metadata(@PathVariable String id) {
        ImageId imageId = ImageId.tryParse(id).orElseThrow(ImageNotFoundException::new);
        Instant now = clock.instant();
        ImageMetadata image = lookup.find(imageId, now).orElseThrow(ImageNotFoundException::new);

        Long viewsLeft = null;
        if (image.viewLimited()) {
            OptionalLong views = repository.views(imageId);
            if (views.isEmpty()) {
                lookup.evict(imageId);
                throw new ImageNotFoundException();
            }
            viewsLeft = Math.max(0, image.maxViews() - views.getAsLong());
        }
        PublicImageMetadata body = new PublicImageMetadata(
                imageId.value(),
                "/i/" + imageId.value() + "." + image.extension(),
                ImageHeaders.servableType(image.contentType()),
                image.sizeBytes(),
                image.width(),
                image.height(),
                image.expiresAt(),
                image.maxViews(),
                viewsLeft);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
