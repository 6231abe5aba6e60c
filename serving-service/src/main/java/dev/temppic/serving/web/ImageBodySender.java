package dev.temppic.serving.web;

import dev.temppic.model.crypto.ImageEncryption.DataKey;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.error.ImageNotFoundException;
import dev.temppic.serving.error.ImageUnreadableException;
import dev.temppic.serving.events.ImageEventPublisher;
import dev.temppic.serving.image.ImageBytesCache;
import dev.temppic.serving.image.ImageLookup;
import dev.temppic.serving.image.ImageMetadata;
import dev.temppic.serving.image.ImageMetadataRepository;
import dev.temppic.serving.image.ViewOutcome;
import dev.temppic.serving.store.DecryptedImageReader;
import dev.temppic.serving.store.ImageObjectReader;
import dev.temppic.serving.store.StoreObjectStream;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Sends the bytes of an image. Images that the {@link ImageBytesCache} accepts are sent from memory, read and
 * decrypted whole on a cache miss. Other images are streamed: the object is opened in the store, the view counted,
 * then the plaintext is decrypted through one small buffer, so memory per request does not grow with the image size.
 *
 * <p>A view counts when a GET sends bytes starting at offset 0 (a full 200, or a 206 whose range starts at
 * 0). Ranges that start later continue a download and are not counted. View-limited images never get
 * here with such a range, because Range is ignored for them.
 */
@Component
class ImageBodySender {

    /** Size of the plaintext copy buffer in bytes: four of Tink's 4 KiB segments. */
    static final int BUFFER_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ImageBodySender.class);

    private final DecryptedImageReader decrypted;
    private final ImageObjectReader objects;
    private final ImageBytesCache cache;
    private final ImageMetadataRepository metadata;
    private final ImageLookup lookup;
    private final ImageEventPublisher events;

    ImageBodySender(DecryptedImageReader decrypted, ImageObjectReader objects, ImageBytesCache cache,
                    ImageMetadataRepository metadata, ImageLookup lookup, ImageEventPublisher events) {
        this.decrypted = decrypted;
        this.objects = objects;
        this.cache = cache;
        this.metadata = metadata;
        this.lookup = lookup;
        this.events = events;
    }

    /**
     * Sends {@code range} of the image as 200 ({@link RangeSelection.Kind#FULL}) or 206. The caller has
     * set the common headers. Store and Redis failures before the first byte become exceptions that the
     * error handler turns into 503. A store that cannot be reached costs no view, because the object is
     * opened first. A read that fails after the view was counted still uses that view.
     */
    void send(ImageMetadata image, RangeSelection range, Instant now, HttpServletResponse response)
            throws IOException {
        if (lookup.cacheEnabled() && cache.accepts(image)) {
            sendFromCache(image, range, now, response);
            return;
        }

        DataKey dataKey = decrypted.dataKey(image);
        try (StoreObjectStream ciphertext = objects.open(image)) {
            ViewOutcome outcome = countView(image, range, now);
            try {
                InputStream plaintext = decrypting(dataKey, ciphertext, image);
                writeStatusAndLength(response, image, range);
                copy(plaintext, ciphertext, image, range, response);
            } finally {
                if (outcome != null) {
                    publishViewEvents(outcome, image, now);
                }
            }
        }
    }

    /**
     * Sends the range from the image's plaintext in the cache, loading it first on a miss. The view is counted
     * after the load, so a store outage costs no view here either.
     */
    private void sendFromCache(ImageMetadata image, RangeSelection range, Instant now, HttpServletResponse response) {
        byte[] plaintext = cache.get(image, decrypted::readAll);
        ViewOutcome outcome = countView(image, range, now);
        try {
            writeStatusAndLength(response, image, range);
            OutputStream out = response.getOutputStream();
            out.write(plaintext, Math.toIntExact(range.first()), Math.toIntExact(range.length()));
            out.flush();
        } catch (IOException e) {
            log.debug("Client closed the connection while receiving image {}", image.id());
        } finally {
            if (outcome != null) {
                publishViewEvents(outcome, image, now);
            }
        }
    }

    /** Counts a view when the range starts at byte 0; returns null for a range that starts later. */
    private ViewOutcome countView(ImageMetadata image, RangeSelection range, Instant now) {
        if (range.first() != 0) {
            return null;
        }
        ViewOutcome outcome = metadata.countView(image.id(), now);
        if (outcome == ViewOutcome.REJECTED) {
            lookup.evict(image.id());
            throw new ImageNotFoundException();
        }
        return outcome;
    }

    private void publishViewEvents(ViewOutcome outcome, ImageMetadata image, Instant now) {
        events.viewed(image.id(), now);
        if (outcome == ViewOutcome.LAST_VIEW) {
            // The script has already deleted img:{id}. The event makes expiry-service delete the object and
            // the other instances drop their cached metadata.
            lookup.evict(image.id());
            events.viewLimitReached(image, now);
        }
    }

    private static void writeStatusAndLength(HttpServletResponse response, ImageMetadata image, RangeSelection range) {
        ImageHeaders.writeRepresentation(response, image);
        if (range.kind() == RangeSelection.Kind.PARTIAL) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange());
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
        }
        response.setContentLengthLong(range.length());
    }

    private void copy(InputStream plaintext, StoreObjectStream ciphertext, ImageMetadata image,
                      RangeSelection range, HttpServletResponse response) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        // NOTE: the plaintext before the range start is decrypted and discarded, because common-model's
        // DataKey offers only a sequential decrypting stream. A range near the end of an image costs as
        // much store traffic and CPU as the whole image.
        long toSkip = range.first();
        while (toSkip > 0) {
            int read = readPlaintext(plaintext, buffer, (int) Math.min(buffer.length, toSkip), ciphertext, image,
                    range, response);
            toSkip -= read;
        }

        OutputStream out = response.getOutputStream();
        long remaining = range.length();
        while (remaining > 0) {
            int read = readPlaintext(plaintext, buffer, (int) Math.min(buffer.length, remaining), ciphertext, image,
                    range, response);
            try {
                out.write(buffer, 0, read);
            } catch (IOException e) {
                log.debug("Client closed the connection while receiving image {}", image.id());
                return;
            }
            remaining -= read;
        }
        try {
            out.flush();
        } catch (IOException e) {
            log.debug("Client closed the connection while receiving image {}", image.id());
        }
    }

    /** Reads at least one byte, or fails with the exception that matches the cause and commit state. */
    private static int readPlaintext(InputStream plaintext, byte[] buffer, int length, StoreObjectStream ciphertext,
                                     ImageMetadata image, RangeSelection range, HttpServletResponse response)
            throws IOException {
        int read;
        try {
            read = plaintext.read(buffer, 0, length);
        } catch (IOException e) {
            throw readFailure(e, ciphertext, image, response);
        }
        if (read < 0) {
            throw readFailure(new IOException("plaintext ended before byte " + (range.last() + 1) + " of "
                    + range.size()), ciphertext, image, response);
        }
        return read;
    }

    /**
     * Handles a failed read. While the response is not committed, throws the exception that becomes 503
     * (store failure) or 500 (decryption failure). Afterwards only the connection can be aborted, so it
     * logs the failure and returns the exception for the caller to throw.
     */
    private static IOException readFailure(IOException e, StoreObjectStream ciphertext, ImageMetadata image,
                                           HttpServletResponse response) {
        IOException storeFailure = ciphertext.readFailure();
        if (!response.isCommitted()) {
            response.reset();
            if (storeFailure != null) {
                throw new DependencyUnavailableException(Dependency.STORE, image.id(), storeFailure);
            }
            throw new ImageUnreadableException(image.id(), "decryption failed", e);
        }
        String cause = storeFailure != null ? "store read failed: " + storeFailure : "decryption failed: " + e;
        log.warn("Aborted the response for image {} after it was committed: {}", image.id(), cause);
        return new ResponseAbortedException("Aborted the response for image " + image.id());
    }

    private static InputStream decrypting(DataKey dataKey, StoreObjectStream ciphertext, ImageMetadata image) {
        try {
            return dataKey.decrypting(ciphertext);
        } catch (IOException e) {
            throw new ImageUnreadableException(image.id(), "decryption could not start", e);
        }
    }
}
