package dev.temppic.serving.error;

import dev.temppic.serving.ServingProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an {@code application/problem+json} body (RFC 9457) with a plain sentence in
 * {@code detail} and no stack trace. Spring MVC's own exceptions (unknown path, wrong method) get the
 * same form through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static final String NOT_FOUND_DETAIL =
            "No image exists at this address. It may have expired or been deleted.";
    public static final String UNAVAILABLE_DETAIL =
            "The image service is temporarily unavailable. Try again in a few seconds.";
    public static final String UNREADABLE_DETAIL = "The stored image could not be read.";
    public static final String INTERNAL_DETAIL = "The request failed because of an internal error.";

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final long retryAfterSeconds;

    public ProblemResponses(ServingProperties serving) {
        this.retryAfterSeconds = serving.retryAfter().toSeconds();
    }

    @ExceptionHandler(ImageNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(HttpServletResponse response) {
        discardHeaders(response);
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND_DETAIL, new HttpHeaders());
    }

    /** Gives unmapped paths such as {@code /i/{id}/extra} the same body as an unknown image. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, NOT_FOUND_DETAIL));
    }

    @ExceptionHandler(DependencyUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(DependencyUnavailableException e, HttpServletResponse response) {
        discardHeaders(response);
        // One line without a stack trace: an outage repeats the same trace on every request.
        log.warn("{} unavailable{}: {}", e.dependency().displayName(),
                e.imageId().map(id -> " while serving image " + id).orElse(""), rootMessage(e));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE_DETAIL, headers);
    }

    @ExceptionHandler(ImageUnreadableException.class)
    ResponseEntity<ProblemDetail> unreadable(ImageUnreadableException e, HttpServletResponse response) {
        discardHeaders(response);
        log.error("Image {} is unreadable: {}: {}", e.imageId(), e.getMessage(), rootMessage(e));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, UNREADABLE_DETAIL, new HttpHeaders());
    }

    /**
     * Handles unchecked exceptions only: checked ones come from writing a response that is already
     * committed, and must reach the servlet container so that it closes the connection.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletResponse response) {
        discardHeaders(response);
        log.error("Request failed with an unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_DETAIL, new HttpHeaders());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /** Drops the image headers (ETag, Cache-Control, ...) that a handler set before it failed. */
    private static void discardHeaders(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.reset();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
