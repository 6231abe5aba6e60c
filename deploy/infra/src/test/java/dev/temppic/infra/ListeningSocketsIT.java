package dev.temppic.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** Shows that the bind checks used by the server tests detect a server that listens on all interfaces. */
class ListeningSocketsIT {

    @Test
    void wildcardBindIsDetected() throws Exception {
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = wildcard.getLocalPort();

            // Java binds 0.0.0.0 through a dual-stack IPv6 socket, which /proc/net/tcp6 lists as "::".
            assertThat(ListeningSockets.addressesListeningOn(port))
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(address.isAnyLocalAddress()).isTrue());
            assertThat(ListeningSockets.acceptsOnOtherLoopbackAddress(port)).isTrue();
            assertThatThrownBy(() -> ProcessAssertions.assertListensOnlyOnLoopback(port))
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void loopbackBindPasses() throws Exception {
        try (ServerSocket loopback = new ServerSocket()) {
            loopback.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));

            ProcessAssertions.assertListensOnlyOnLoopback(loopback.getLocalPort());
        }
    }
}
