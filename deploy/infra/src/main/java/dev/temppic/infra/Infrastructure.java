package dev.temppic.infra;

/**
 * Kafka, Redis and an S3-compatible store for integration tests, whether local processes or containers.
 *
 * <p>Redis and the store can be stopped and started again on the same port, so a test can check how a service
 * behaves while a dependency is down (such as a 503 response) and after it returns.
 */
public interface Infrastructure extends AutoCloseable {

    /** Connection details; unchanged by the stop and start methods below. */
    ConnectionInfo connection();

    /** Short description for logs, such as "local processes" or "Testcontainers". */
    String description();

    /** Stops Redis and waits until its port is closed. Its data is kept for {@link #startRedis()}. */
    void stopRedis();

    /** Starts Redis again on the same port and waits until it replies to PING. Does nothing if it runs. */
    void startRedis();

    /** Stops the object store and waits until its port is closed. Objects and the bucket are kept. */
    void stopStore();

    /** Starts the object store again on the same port with the same credentials. Does nothing if it runs. */
    void startStore();

    /** Stops every server and waits until their processes have ended. */
    @Override
    void close();
}
