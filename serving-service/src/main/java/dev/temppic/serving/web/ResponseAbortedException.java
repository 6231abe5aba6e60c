package dev.temppic.serving.web;

import java.io.IOException;

/**
 * Reading the image failed after the response was committed, so no error status can be sent. Thrown out
 * of the servlet on purpose: Tomcat then closes the connection, and the client sees a body shorter than
 * its {@code Content-Length} instead of a complete-looking image. Carries no stack trace because the
 * failure was already logged with the image id.
 */
class ResponseAbortedException extends IOException {

    ResponseAbortedException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
