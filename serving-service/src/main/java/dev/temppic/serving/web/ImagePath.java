package dev.temppic.serving.web;

import dev.temppic.model.id.ImageId;
import dev.temppic.serving.image.ImageMetadata;

import java.util.Optional;

/**
 * The last segment of a share link, {@code {id}} or {@code {id}.{ext}}. Ids are URL-safe Base64 and never
 * contain a dot, so the first dot separates the extension.
 *
 * @param id the image id
 * @param extension the extension without the dot, or {@code null} when the link has none
 */
record ImagePath(ImageId id, String extension) {

    /** Parses a link segment without any I/O; empty when the id is malformed or the extension is empty. */
    static Optional<ImagePath> parse(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        int dot = segment.indexOf('.');
        if (dot < 0) {
            return ImageId.tryParse(segment).map(id -> new ImagePath(id, null));
        }
        String extension = segment.substring(dot + 1);
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        return ImageId.tryParse(segment.substring(0, dot)).map(id -> new ImagePath(id, extension));
    }

    /**
     * Checks whether this link addresses {@code image}: no extension, or the image's own extension in any letter
     * case. Any other extension gets the same 404 as an unknown id, so each image has one canonical link
     * and no redirect is cached beyond the image's lifetime.
     */
    boolean matches(ImageMetadata image) {
        return extension == null || extension.equalsIgnoreCase(image.extension());
    }
}
