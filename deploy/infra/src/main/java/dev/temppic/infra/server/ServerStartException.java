package dev.temppic.infra.server;

/** Thrown when a local server fails to start or does not become healthy in time. */
public class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
