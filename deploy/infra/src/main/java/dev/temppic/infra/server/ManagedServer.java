package dev.temppic.infra.server;

import java.nio.file.Path;

/** A local server on 127.0.0.1 that this module starts, health-checks and stops. */
public interface ManagedServer extends AutoCloseable {

    /** Short name for logs and messages, such as "Redis". */
    String name();

    /** The port clients connect to. */
    int port();

    /** Returns the PID of the process that serves {@link #port()}, which is this JVM for an in-process server. */
    long pid();

    /** The server's own log file, or null for an in-process server that logs through this JVM. */
    Path logFile();

    /**
     * Starts the server and returns once it passes its health check.
     *
     * @throws PortInUseException   if the port is taken
     * @throws ServerStartException if it fails to start or is not healthy within the start timeout; the
     *                              partly started server has been stopped by then
     */
    void start();

    /** Returns whether the server was started and has not been stopped. */
    boolean isRunning();

    /** Sends one health-check request and returns whether the reply was the expected one. */
    boolean isHealthy();

    /** Stops the server and waits until its process has ended. Does nothing if it is not running. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
