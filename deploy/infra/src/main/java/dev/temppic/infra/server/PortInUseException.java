package dev.temppic.infra.server;

/** Thrown when a server cannot start because another program already uses its port on 127.0.0.1. */
public class PortInUseException extends ServerStartException {

    private final int port;

    public PortInUseException(int port, String owner, String override) {
        super("Port " + port + " on 127.0.0.1, needed by " + owner + ", is already in use. Stop the program that"
                + " listens there (see `ss -ltnp 'sport = :" + port + "'`) or set " + override
                + " to a free port.");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
