package dev.temppic.gateway.web;

import org.springframework.http.HttpStatus;

/** Plain-sentence {@code detail} texts for errors that the gateway itself returns. */
final class ErrorDetails {

    private ErrorDetails() {
    }

    static String forStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is invalid.";
            case FORBIDDEN -> "This request is not allowed.";
            case NOT_FOUND -> "Nothing exists at this address. The image may have expired or been deleted.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that request method.";
            case NOT_ACCEPTABLE -> "The requested content type is not available here.";
            case CONTENT_TOO_LARGE -> "The upload is too large.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body has an unsupported content type.";
            case TOO_MANY_REQUESTS -> "Too many requests from your network. Wait a moment and try again.";
            case BAD_GATEWAY -> "The image service sent an invalid response. Try again in a few seconds.";
            case SERVICE_UNAVAILABLE -> "The image service is not available right now. Try again in a few seconds.";
            case GATEWAY_TIMEOUT -> "The image service took too long to respond. Try again in a few seconds.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. Try again in a few seconds."
                    : "The request failed: " + status.getReasonPhrase() + ".";
        };
    }
}
