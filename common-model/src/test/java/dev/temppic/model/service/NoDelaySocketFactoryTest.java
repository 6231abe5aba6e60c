package dev.temppic.model.service;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class NoDelaySocketFactoryTest {

    private final NoDelaySocketFactory factory = new NoDelaySocketFactory();

    @Test
    void unconnectedSocketHasNoDelay() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = factory.createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();

            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void connectingFactoryMethodsSetNoDelay() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 4, loopback);
             Socket byName = factory.createSocket("127.0.0.1", server.getLocalPort());
             Socket byAddress = factory.createSocket(loopback, server.getLocalPort());
             Socket byNameAndLocal = factory.createSocket("127.0.0.1", server.getLocalPort(), loopback, 0);
             Socket byAddressAndLocal = factory.createSocket(loopback, server.getLocalPort(), loopback, 0)) {
            assertThat(byName.getTcpNoDelay()).isTrue();
            assertThat(byAddress.getTcpNoDelay()).isTrue();
            assertThat(byNameAndLocal.getTcpNoDelay()).isTrue();
            assertThat(byAddressAndLocal.getTcpNoDelay()).isTrue();
        }
    }
}
