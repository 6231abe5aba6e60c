package dev.temppic.infra;

import static org.assertj.core.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.temppic.infra.junit.TempPicInfraExtension;

/**
 * A test that always fails after recording the PIDs and ports of the shared servers. Run only by
 * {@link FailingFixtureRunner}; its name matches neither the surefire nor the failsafe patterns.
 */
@ExtendWith(TempPicInfraExtension.class)
class FailingFixture {

    static final String RECORD_FILE_PROPERTY = "temppic.test.record-file";

    @Test
    void failsAfterStartingServers() throws Exception {
        LocalInfra infra = (LocalInfra) TempPicInfraExtension.infrastructure();
        Properties servers = new Properties();
        servers.setProperty("kafka.pid", String.valueOf(infra.kafka().pid()));
        servers.setProperty("kafka.port", String.valueOf(infra.kafka().port()));
        servers.setProperty("redis.pid", String.valueOf(infra.redis().pid()));
        servers.setProperty("redis.port", String.valueOf(infra.redis().port()));
        servers.setProperty("store.pid", String.valueOf(infra.store().pid()));
        servers.setProperty("store.port", String.valueOf(infra.store().port()));
        try (OutputStream out = Files.newOutputStream(Path.of(System.getProperty(RECORD_FILE_PROPERTY)))) {
            servers.store(out, null);
        }

        fail("Deliberate failure: the servers must still be stopped");
    }
}
