package dev.temppic.serving.web;

import dev.temppic.model.id.ImageId;
import dev.temppic.serving.image.ImageMetadata;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/** Response headers of image responses ({@code /i/{id}}). */
final class ImageHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    /** Types served under their own name; anything else in a record is sent as a download type. */
    private static final Set<String> SERVABLE_TYPES =
            Set.of("image/jpeg", "image/png", "image/apng", "image/gif", "image/webp");
    private static final String FALLBACK_TYPE = "application/octet-stream";
    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private ImageHeaders() {
    }

    /** Strong entity tag: the stored bytes of an id never change, so the id identifies them. */
    static String etag(ImageId id) {
        return "\"" + id.value() + "\"";
    }

    /** Seconds a response may be cached: the whole seconds left until expiry, never negative. */
    static long maxAgeSeconds(Instant now, Instant expiresAt) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    /**
     * Returns the {@code Cache-Control} value. A view-limited image is never stored by the browser,
     * because a cached copy could be shown again without using a view.
     */
    static String cacheControl(ImageMetadata image, Instant now) {
        if (image.viewLimited()) {
            return "no-store";
        }
        return "private, max-age=" + maxAgeSeconds(now, image.expiresAt());
    }

    /** Headers that every image response carries, including 304 and 416. */
    static void writeCommon(HttpServletResponse response, ImageMetadata image, Instant now) {
        response.setHeader(HttpHeaders.ETAG, etag(image.id()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl(image, now));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        // View-limited images ignore Range, because each GET must send the whole image and count as a view.
        response.setHeader(HttpHeaders.ACCEPT_RANGES, image.viewLimited() ? "none" : "bytes");
    }

    /** Headers that describe the bytes of a 200 or 206 response or a HEAD. */
    static void writeRepresentation(HttpServletResponse response, ImageMetadata image) {
        response.setContentType(servableType(image.contentType()));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "inline; filename=\"" + image.id().value() + "." + safeExtension(image.extension()) + "\"");
    }

    /**
     * Returns the {@code Content-Type} to send. upload-service stores only sniffed image types, and this
     * check keeps a bad record from ever serving another type under its own name.
     */
    static String servableType(String contentType) {
        return SERVABLE_TYPES.contains(contentType) ? contentType : FALLBACK_TYPE;
    }

    private static String safeExtension(String extension) {
        String lower = extension.toLowerCase(java.util.Locale.ROOT);
        return SAFE_EXTENSION.matcher(lower).matches() ? lower : "bin";
    }
}
