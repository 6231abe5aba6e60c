package dev.temppic.infra.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops registered servers when the JVM exits, newest first, so that a test run or a failed stack start that
 * ends abruptly (Ctrl-C, System.exit, an uncaught error) leaves no server process behind.
 *
 * <p>Only one JVM shutdown hook is installed. SIGKILL of the JVM bypasses all hooks and leaves the server
 * processes running. Each start is logged with its PID, so they can be stopped by hand.
 */
public final class ShutdownHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);
    private static final Set<ManagedServer> SERVERS = new LinkedHashSet<>();
    private static boolean installed;
    private static boolean shuttingDown;

    private ShutdownHooks() {
    }

    /**
     * Adds a server to stop at JVM exit. Call it before launching the server's process.
     *
     * @throws ServerStartException if the JVM is already shutting down, so that no server starts after the hook
     *                              has taken its list
     */
    public static synchronized void register(ManagedServer server) {
        if (shuttingDown) {
            throw new ServerStartException("Not starting " + server.name() + ": the JVM is shutting down");
        }
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::stopAll, "temppic-infra-shutdown"));
            installed = true;
        }
        SERVERS.add(server);
    }

    public static synchronized void unregister(ManagedServer server) {
        SERVERS.remove(server);
    }

    /** Returns whether the shutdown hook has started, after which servers must not be released. */
    public static synchronized boolean isShuttingDown() {
        return shuttingDown;
    }

    private static void stopAll() {
        List<ManagedServer> servers;
        synchronized (ShutdownHooks.class) {
            shuttingDown = true;
            servers = new ArrayList<>(SERVERS);
            SERVERS.clear();
        }
        // Starts still waiting for a health check give up first, so none completes while others are stopped.
        for (ManagedServer server : servers) {
            if (server instanceof ProcessServer processServer) {
                processServer.abortStart();
            }
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            ManagedServer server = servers.get(i);
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.warn("Failed to stop {} on port {} at JVM exit", server.name(), server.port(), e);
            }
        }
    }
}
