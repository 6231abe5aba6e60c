package dev.temppic.upload.web;

import dev.temppic.upload.receive.BodyReceiver;
import dev.temppic.upload.receive.ReceivedFile;
import dev.temppic.upload.service.DeletionService;
import dev.temppic.upload.service.StoredImage;
import dev.temppic.upload.service.UploadOptions;
import dev.temppic.upload.service.UploadService;
import dev.temppic.upload.web.RequestOutcomes.DeletionOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.InputStream;
import java.net.URI;

/**
 * {@code POST /api/images} (multipart or raw body) and {@code DELETE /api/images/{id}}.
 *
 * <p>The client's filename (the multipart {@code filename} or any other header) is never read: the stored type and
 * extension come from the content alone.
 */
@RestController
@RequestMapping("/api/images")
class ImageController {

    /** Name of the multipart part that carries the image. */
    static final String FILE_PART = "file";

    /** Request header that carries the delete token; {@code ?token=} is the alternative for delete links. */
    static final String DELETE_TOKEN_HEADER = "X-Delete-Token";

    static final String DELETE_TOKEN_PARAMETER = "token";

    private final BodyReceiver receiver;
    private final UploadService uploads;
    private final DeletionService deletions;
    private final PublicLinks links;
    private final RequestOutcomes outcomes;

    ImageController(BodyReceiver receiver, UploadService uploads, DeletionService deletions, PublicLinks links,
                    RequestOutcomes outcomes) {
        this.receiver = receiver;
        this.uploads = uploads;
        this.deletions = deletions;
        this.links = links;
        this.outcomes = outcomes;
    }

    /**
     * Uploads the {@code file} part of a multipart form. {@code expiresIn} and {@code maxViews} may be form fields
     * or query parameters. The multipart body is parsed on first access (spring.servlet.multipart.resolve-lazily),
     * so a size-limit failure is counted here like every other rejection.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UploadResponse> uploadMultipart(MultipartHttpServletRequest request) throws Exception {
        long startNanos = System.nanoTime();
        try {
            MultipartFile file = request.getFile(FILE_PART);
            if (file == null) {
                throw new BadParameterException(FILE_PART, "The multipart body has no part named 'file'. Send the "
                        + "image as a part named 'file', for example curl -F file=@photo.jpg.");
            }
            UploadOptions options = UploadParameters.parse(request::getParameterValues);
            try (InputStream body = file.getInputStream(); ReceivedFile received = receiver.receive(body)) {
                return created(uploads.upload(received, options), startNanos);
            }
        } catch (Exception e) {
            outcomes.uploadFailed(e, startNanos);
            throw e;
        }
    }

    /**
     * Uploads a raw body. The accepted declared types are any image type, {@code application/octet-stream}, no
     * Content-Type, and {@code application/x-www-form-urlencoded}, which {@code curl --data-binary} sends without an
     * explicit {@code -H 'Content-Type: ...'}. The stored type comes from content sniffing in every case.
     */
    @PostMapping(consumes = {"image/*", MediaType.APPLICATION_OCTET_STREAM_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UploadResponse> uploadRaw(HttpServletRequest request) throws Exception {
        long startNanos = System.nanoTime();
        try {
            // Parameters are checked before the body is read, so a bad one costs no upload time.
            UploadOptions options = UploadParameters.parse(QueryParameters.parse(request.getQueryString())::get);
            try (ReceivedFile received = receiver.receive(request.getInputStream())) {
                return created(uploads.upload(received, options), startNanos);
            }
        } catch (Exception e) {
            outcomes.uploadFailed(e, startNanos);
            throw e;
        }
    }

    /** Deletes an image whose delete token is in the {@code X-Delete-Token} header or the {@code token} parameter. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable("id") String id,
                                @RequestHeader(name = DELETE_TOKEN_HEADER, required = false) String headerToken,
                                @RequestParam(name = DELETE_TOKEN_PARAMETER, required = false) String parameterToken)
            throws Exception {
        long startNanos = System.nanoTime();
        try {
            String token = headerToken != null ? headerToken : parameterToken;
            if (token == null || token.isBlank()) {
                throw new BadParameterException(DELETE_TOKEN_PARAMETER, "The delete token is missing. Send it in "
                        + "the X-Delete-Token header or as the token query parameter, as in the deleteUrl of the "
                        + "upload response.");
            }
            deletions.delete(id, token.strip());
            outcomes.deletion(DeletionOutcome.DELETED, id, startNanos);
            return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
        } catch (Exception e) {
            outcomes.deletion(RequestOutcomes.deletionOutcomeOf(e), id, startNanos);
            throw e;
        }
    }

    private ResponseEntity<UploadResponse> created(StoredImage image, long startNanos) {
        outcomes.uploadStored(image, startNanos);
        UploadResponse body = UploadResponse.of(image, links);
        // The body carries the delete token, so no cache may keep it.
        return ResponseEntity.created(URI.create(body.url()))
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
