package dev.temppic.infra;

/**
 * A port on 127.0.0.1 and the setting that changes it.
 *
 * @param setting named in the error message when the port is taken, such as {@code TEMPPIC_REDIS_PORT}
 */
public record PortSpec(int port, String setting) {

    public PortSpec {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port must be between 1 and 65535, got " + port + " for " + setting);
        }
    }
}
