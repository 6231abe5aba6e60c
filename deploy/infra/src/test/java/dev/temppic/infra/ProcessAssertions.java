package dev.temppic.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import dev.temppic.infra.server.ManagedProcess;
import dev.temppic.infra.server.Ports;

/** Checks on server processes and sockets shared by the integration tests. */
final class ProcessAssertions {

    private ProcessAssertions() {
    }

    /** Asserts that something listens on {@code port} and only on 127.0.0.1. */
    static void assertListensOnlyOnLoopback(int port) {
        List<InetAddress> addresses = ListeningSockets.addressesListeningOn(port);
        assertThat(addresses).as("listening sockets on port %d", port).isNotEmpty();
        assertThat(addresses).as("addresses of the listening sockets on port %d", port)
                .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
        assertThat(ListeningSockets.acceptsOnOtherLoopbackAddress(port))
                .as("connection to 127.0.0.2:%d accepted", port).isFalse();
    }

    /**
     * Asserts that the process has ended. An ended process whose parent has exited stays a zombie until
     * init reaps it, which can take seconds, so a zombie counts as ended.
     */
    static void assertProcessGone(long pid) {
        assertThat(pid).as("pid").isPositive();
        assertThat(ProcessHandle.of(pid).map(ManagedProcess::isRunning).orElse(false))
                .as("process %d running", pid).isFalse();
    }

    static void assertPortClosed(int port) {
        assertThat(Ports.isListening(port)).as("something listening on port %d", port).isFalse();
    }

    /**
     * Asserts that no process started by this JVM mentions {@code dir} on its command line. Every server writes
     * its configuration under its data folder and passes that path, so this finds any server a test left behind.
     */
    static void assertNoChildProcessUsing(Path dir) {
        String path = dir.toAbsolutePath().toString();
        assertThat(ProcessHandle.current().descendants()
                .filter(ManagedProcess::isRunning)
                .map(handle -> handle.pid() + " " + handle.info().commandLine().orElse(""))
                .filter(line -> line.contains(path))
                .toList())
                .as("processes of this JVM that use %s", path).isEmpty();
    }
}
