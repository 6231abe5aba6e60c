package dev.temppic.upload.web;

import dev.temppic.upload.service.StoredImage;

/**
 * Body of a {@code 201 Created} upload response.
 *
 * @param id the image id
 * @param url the image bytes, {@code /i/{id}.{ext}}
 * @param pageUrl the share page, {@code /v/{id}}
 * @param deleteUrl link that deletes the image, with the token in the query
 * @param deleteToken secret for {@code DELETE /api/images/{id}}; shown only in this response
 * @param expiresAt ISO-8601 time in UTC from which the image is gone
 * @param contentType media type detected from the content
 * @param size bytes of the stored image, after metadata removal
 * @param width width in pixels as displayed
 * @param height height in pixels as displayed
 * @param maxViews view limit, or null for unlimited views
 */
record UploadResponse(
        String id,
        String url,
        String pageUrl,
        String deleteUrl,
        String deleteToken,
        String expiresAt,
        String contentType,
        long size,
        int width,
        int height,
        Integer maxViews) {

    static UploadResponse of(StoredImage image, PublicLinks links) {
        return new UploadResponse(
                image.id().value(),
                links.imageUrl(image.id(), image.format().extension()),
                links.pageUrl(image.id()),
                links.deleteUrl(image.id(), image.deleteToken()),
                image.deleteToken().value(),
                image.expiresAt().toString(),
                image.format().mimeType(),
                image.sizeBytes(),
                image.width(),
                image.height(),
                image.maxViews().orElse(null));
    }

    /** Hides the delete token from log lines. */
    @Override
    public String toString() {
        return "UploadResponse[id=" + id + ", contentType=" + contentType + ", size=" + size + "]";
    }
}
