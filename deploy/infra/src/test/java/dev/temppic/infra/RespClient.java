package dev.temppic.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one Redis command over a new socket and returns the reply, for tests that need no client library. */
final class RespClient {

    private RespClient() {
    }

    /**
     * Sends {@code command} to 127.0.0.1:{@code port} and returns the reply: the text of a simple string, error
     * (prefixed "-") or integer, the value of a bulk string, or null for a null bulk string.
     */
    static String send(int port, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(part).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String header = in.readLine();
            return switch (header.charAt(0)) {
                case '+', ':' -> header.substring(1);
                case '-' -> header;
                case '$' -> Integer.parseInt(header.substring(1)) < 0 ? null : in.readLine();
                default -> throw new IllegalStateException("Unexpected Redis reply: " + header);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Redis command " + command[0] + " on port " + port + " failed", e);
        }
    }
}
