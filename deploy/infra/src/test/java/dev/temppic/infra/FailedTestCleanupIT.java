package dev.temppic.infra;

import static dev.temppic.infra.ProcessAssertions.assertPortClosed;
import static dev.temppic.infra.ProcessAssertions.assertProcessGone;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.KafkaKraftServer;

/**
 * Runs a failing test that uses {@link dev.temppic.infra.junit.TempPicInfraExtension} in a child JVM and checks
 * that its servers are gone afterwards. The child ends with Runtime.halt, which skips shutdown hooks, so only the
 * extension's close at the end of the JUnit run can have stopped them.
 */
class FailedTestCleanupIT {

    @TempDir
    Path dir;

    @Test
    void failingTestLeavesNoServerBehind() throws Exception {
        Path record = dir.resolve("servers.properties");
        Path output = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java,
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dtemppic.infra.mode=local",
                "-Dtemppic.infra.kafka-mode=process",
                "-D" + FailingFixture.RECORD_FILE_PROPERTY + "=" + record,
                "-cp", KafkaKraftServer.currentClasspath(),
                FailingFixtureRunner.class.getName()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child JVM finished within 90 s").isTrue();
        assertThat(child.exitValue()).as("child exit code; see %s", output).isEqualTo(0);
        assertThat(Files.readString(output)).contains("tests failed: 1");
        Properties servers = new Properties();
        try (InputStream in = Files.newInputStream(record)) {
            servers.load(in);
        }
        for (String name : List.of("kafka", "redis", "store")) {
            long pid = Long.parseLong(servers.getProperty(name + ".pid"));
            int port = Integer.parseInt(servers.getProperty(name + ".port"));

            assertThat(pid).as("%s pid", name).isNotEqualTo(child.pid());
            assertProcessGone(pid);
            assertPortClosed(port);
        }
    }
}
