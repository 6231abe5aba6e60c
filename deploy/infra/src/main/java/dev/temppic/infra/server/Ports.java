package dev.temppic.infra.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Port checks on the loopback interface, the only interface the local servers bind. */
public final class Ports {

    /** Address every local server binds to and every client connects to. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /**
     * Returns a port that is free on 127.0.0.1 now and was not returned before in this JVM.
     *
     * <p>The port is released before the caller binds it, so another program can take it in between. The
     * caller's start then fails with {@link PortInUseException}, which names the port.
     */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(loopback(), 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("Failed to find a free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("Failed to find a free port on " + LOOPBACK + " after 50 attempts");
    }

    /**
     * Throws {@link PortInUseException} unless {@code port} can be bound on 127.0.0.1.
     *
     * @param owner    the server that needs the port, for the message
     * @param override the setting that chooses another port, for the message
     */
    public static void requireFree(int port, String owner, String override) {
        if (isListening(port)) {
            throw new PortInUseException(port, owner, override);
        }
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR as the servers themselves use it, so a port in TIME_WAIT after a restart counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
        } catch (IOException e) {
            throw new PortInUseException(port, owner, override);
        }
    }

    /** Returns whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(loopback(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException("A 4-byte address is always valid", e);
        }
    }
}
