package dev.temppic.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads listening TCP sockets from /proc/net/tcp and /proc/net/tcp6 (Linux). */
final class ListeningSockets {

    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {
    }

    /** Returns the local addresses of every listening socket on {@code port}, IPv4 and IPv6. */
    static List<InetAddress> addressesListeningOn(int port) {
        List<InetAddress> addresses = new ArrayList<>();
        addresses.addAll(read(Path.of("/proc/net/tcp"), port));
        addresses.addAll(read(Path.of("/proc/net/tcp6"), port));
        return addresses;
    }

    /**
     * Returns whether a connection to 127.0.0.2 on {@code port} succeeds. A server bound to 127.0.0.1 refuses it,
     * one bound to all interfaces accepts it, and the address never leaves this machine.
     */
    static boolean acceptsOnOtherLoopbackAddress(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<InetAddress> read(Path table, int port) {
        if (!Files.exists(table)) {
            return List.of();
        }
        List<InetAddress> addresses = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (!LISTEN_STATE.equals(fields[3]) || Integer.parseInt(local[1], 16) != port) {
                    continue;
                }
                addresses.add(decode(local[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return addresses;
    }

    /** Decodes the kernel's hex form: each 32-bit word of the address is printed in host (little-endian) order. */
    private static InetAddress decode(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(address);
    }
}
