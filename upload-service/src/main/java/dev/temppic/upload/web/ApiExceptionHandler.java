package dev.temppic.upload.web;

import dev.temppic.upload.UploadProperties;
import dev.temppic.upload.receive.DataSizes;
import dev.temppic.upload.receive.PayloadTooLargeException;
import dev.temppic.upload.receive.UploadInterruptedException;
import dev.temppic.upload.service.ImageNotFoundException;
import dev.temppic.upload.service.ServiceUnavailableException;
import dev.temppic.upload.validation.ImageRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to an {@code application/problem+json} body (RFC 9457) whose {@code detail} is a plain sentence
 * naming the value and the fix. Stack traces and exception messages of unexpected errors never reach the client.
 *
 * <p>Statuses: 400 invalid parameter or request, 404 unknown image or wrong token, 413 too large, 415 unsupported
 * type, 422 corrupt or over a limit, 503 with {@code Retry-After} when Redis, Kafka or the store fails.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final long maxBytes;
    private final long retryAfterSeconds;

    ApiExceptionHandler(UploadProperties properties) {
        this.maxBytes = properties.maxSize().toBytes();
        this.retryAfterSeconds = properties.retryAfter().toSeconds();
    }

    /** Returns whether {@code failure} is one that this class maps to a 4xx status. */
    static boolean isClientError(Throwable failure) {
        return failure instanceof BadParameterException
                || failure instanceof UploadInterruptedException
                || failure instanceof MultipartException
                || failure instanceof HttpMediaTypeNotSupportedException;
    }

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<ProblemDetail> imageRejected(ImageRejectedException e) {
        return problem(HttpStatus.valueOf(e.kind().httpStatus()), e.detail());
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UploadInterruptedException.class)
    ResponseEntity<ProblemDetail> uploadInterrupted(UploadInterruptedException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(ImageNotFoundException.class)
    ResponseEntity<ProblemDetail> imageNotFound(ImageNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> serviceUnavailable(ServiceUnavailableException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.detail() + " Try again in " + retryAfterSeconds + " seconds.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(body);
    }

    /** Rejects a malformed multipart body. The size-limit case, {@link MaxUploadSizeExceededException}, is handled below. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "The multipart/form-data body cannot be read. Send one part named "
                + "'file' with the image, for example curl -F file=@photo.jpg.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The server failed to handle the request because of an "
                + "internal error. Try again later.");
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The image is larger than the limit of " + DataSizes.format(maxBytes)
                        + ". Scale it down or compress it, then upload it again.");
        return handleExceptionInternal(e, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String declared = e.getContentType() == null ? "none" : "'" + e.getContentType() + "'";
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The request Content-Type " + declared + " is not accepted. Send the image as a multipart/form-data "
                        + "part named 'file', or as the raw body with Content-Type image/* or "
                        + "application/octet-stream.");
        return handleExceptionInternal(e, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No endpoint exists at this "
                + "path. Upload with POST /api/images and delete with DELETE /api/images/{id}.");
        return handleExceptionInternal(e, body, headers, HttpStatus.NOT_FOUND, request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
