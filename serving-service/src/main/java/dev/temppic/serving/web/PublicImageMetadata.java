package dev.temppic.serving.web;

import java.time.Instant;

/**
 * Body of {@code GET /api/images/{id}}. Never contains the delete token hash, the wrapped data key or
 * the object key.
 *
 * @param id the image id
 * @param url path of the share link, {@code /i/{id}.{ext}}
 * @param contentType media type of the image
 * @param size size of the image in bytes
 * @param width width in pixels
 * @param height height in pixels
 * @param expiresAt time from which the image is unreachable, ISO-8601 in UTC
 * @param maxViews view limit, or {@code null} when views are unlimited
 * @param viewsLeft views the limit still allows, read from Redis on every request; {@code null} when
 *     views are unlimited
 */
record PublicImageMetadata(
        String id,
        String url,
        String contentType,
        long size,
        int width,
        int height,
        Instant expiresAt,
        Integer maxViews,
        Long viewsLeft) {
}
