package dev.temppic.serving.web;

import dev.temppic.serving.error.ImageNotFoundException;
import dev.temppic.serving.image.ImageLookup;
import dev.temppic.serving.image.ImageMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;

/**
 * Share links: {@code GET} and {@code HEAD} of {@code /i/{id}} and {@code /i/{id}.{ext}}.
 *
 * <p>Order of checks: id syntax (no I/O), metadata and expiry, extension, {@code If-None-Match} (304),
 * {@code HEAD} (headers only, no store read), then {@code Range} (206 or 416) and the body.
 */
@Controller
class ImageController {

    private final ImageLookup lookup;
    private final ImageBodySender sender;
    private final Clock clock;

    ImageController(ImageLookup lookup, ImageBodySender sender, Clock clock) {
        this.lookup = lookup;
        this.sender = sender;
        this.clock = clock;
    }

    @RequestMapping(path = "/i/{segment}", method = {RequestMethod.GET, RequestMethod.HEAD})
    void image(@PathVariable String segment, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant now = clock.instant();
        ImagePath path = ImagePath.parse(segment).orElseThrow(ImageNotFoundException::new);
        ImageMetadata image = lookup.find(path.id(), now)
                .filter(path::matches)
                .orElseThrow(ImageNotFoundException::new);

        ImageHeaders.writeCommon(response, image, now);
        if (matchesAny(request.getHeaders(HttpHeaders.IF_NONE_MATCH), ImageHeaders.etag(image.id()))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (RequestMethod.HEAD.name().equals(request.getMethod())) {
            ImageHeaders.writeRepresentation(response, image);
            response.setContentLengthLong(image.sizeBytes());
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }

        RangeSelection range = selectRange(request, image);
        if (range.kind() == RangeSelection.Kind.UNSATISFIABLE) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange());
            response.setContentLength(0);
            return;
        }
        sender.send(image, range, now, response);
    }

    /**
     * Chooses the bytes to send. View-limited images always send everything, because ranges that start
     * after byte 0 are not counted and would otherwise let a client read such an image without limit.
     * An {@code If-Range} that is not this image's entity tag also means the whole image (RFC 9110,
     * section 13.1.5); this service sends no {@code Last-Modified}, so a date there never matches.
     */
    private static RangeSelection selectRange(HttpServletRequest request, ImageMetadata image) {
        if (image.viewLimited()) {
            return RangeSelection.full(image.sizeBytes());
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.trim().equals(ImageHeaders.etag(image.id()))) {
            return RangeSelection.full(image.sizeBytes());
        }
        return RangeSelection.select(request.getHeader(HttpHeaders.RANGE), image.sizeBytes());
    }

    /** Weak comparison of {@code If-None-Match} (RFC 9110, section 13.1.2), including {@code *}. */
    static boolean matchesAny(Enumeration<String> ifNoneMatchHeaders, String etag) {
        if (ifNoneMatchHeaders == null) {
            return false;
        }
        while (ifNoneMatchHeaders.hasMoreElements()) {
            for (String candidate : ifNoneMatchHeaders.nextElement().split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
