package dev.temppic.infra;

import static dev.temppic.infra.ProcessAssertions.assertNoChildProcessUsing;
import static dev.temppic.infra.ProcessAssertions.assertPortClosed;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.KafkaKraftServer;
import dev.temppic.infra.server.PortInUseException;

class LocalInfraIT {

    @TempDir
    Path dir;

    @Test
    void takenStorePortStopsOtherServers() throws Exception {
        LocalInfraSettings settings = LocalInfraSettings.forTests(dir).withKafkaMode(KafkaKraftServer.Mode.PROCESS);
        try (ServerSocket occupier = new ServerSocket()) {
            occupier.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.store().port()));

            assertThatThrownBy(() -> LocalInfra.start(settings))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + settings.store().port())
                    .hasMessageContaining("S3Proxy");
        }

        assertPortClosed(settings.kafka().port());
        assertPortClosed(settings.kafkaController().port());
        assertPortClosed(settings.redis().port());
        assertNoChildProcessUsing(dir);
    }
}
