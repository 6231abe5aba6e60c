package dev.temppic.upload.web;

import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.upload.UploadProperties;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Builds the links of an upload response: relative paths, or absolute URLs when
 * {@code temppic.upload.public-base-url} is set. Ids and tokens are URL-safe Base64, so they need no escaping.
 */
@Component
class PublicLinks {

    private final String base;

    PublicLinks(UploadProperties properties) {
        URI baseUrl = properties.publicBaseUrl();
        this.base = baseUrl == null ? "" : baseUrl.toString();
    }

    /** Returns the link to the image bytes, {@code /i/{id}.{ext}}. */
    String imageUrl(ImageId id, String extension) {
        return base + "/i/" + id.value() + "." + extension;
    }

    /** Returns the link to the share page, {@code /v/{id}}. */
    String pageUrl(ImageId id) {
        return base + "/v/" + id.value();
    }

    /** Returns the link that deletes the image, {@code /api/images/{id}?token={token}}. */
    String deleteUrl(ImageId id, DeleteToken token) {
        return base + "/api/images/" + id.value() + "?token=" + token.value();
    }
}
