package dev.temppic.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.ManagedProcess;
import dev.temppic.infra.server.Ports;

/** The stack launcher on free ports in a temporary repository root, infrastructure only. */
class LocalStackIT {

    @TempDir
    Path root;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private LocalStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void upStatusDownWithPidFiles() throws Exception {
        StackLayout layout = new StackLayout(root);
        stack = new LocalStack(layout, new PrintStream(output, true, StandardCharsets.UTF_8));
        StackSettings settings = freePortSettings();

        assertThat(stack.up(settings, true)).as("exit code of up; output:%n%s", output()).isZero();

        List<Long> pids = new ArrayList<>();
        for (StackComponent component : StackComponent.infrastructure()) {
            Path pidFile = layout.pidFile(component);
            assertThat(pidFile).exists();
            long pid = PidFiles.read(pidFile).orElseThrow();
            assertThat(PidFiles.ownProcess(pidFile, layout.home())).as("%s process", component).isPresent();
            assertThat(Ports.isListening(settings.port(component))).as("%s port", component).isTrue();
            pids.add(pid);
        }
        assertThat(Files.readString(layout.log(StackComponent.KAFKA), StandardCharsets.UTF_8)).isNotEmpty();
        assertThat(layout.masterKeyFile()).exists();
        assertThat(layout.storeCredentialsFile()).exists();

        output.reset();
        assertThat(stack.up(settings, true)).isZero();
        assertThat(output()).contains("already running");

        output.reset();
        stack.status(settings);
        assertThat(output()).containsPattern("Kafka +\\d+ +" + settings.port(StackComponent.KAFKA) + " +up");
        assertThat(output()).containsPattern("Redis +\\d+ +" + settings.port(StackComponent.REDIS) + " +up");
        assertThat(output()).containsPattern("gateway-service +- +\\d+ +stopped");

        assertThat(stack.down()).isZero();

        for (long pid : pids) {
            // A zombie waiting for init to reap it has ended, so it counts as gone.
            assertThat(ProcessHandle.of(pid).map(ManagedProcess::isRunning).orElse(false)).as("pid %d running", pid)
                    .isFalse();
        }
        for (StackComponent component : StackComponent.infrastructure()) {
            assertThat(layout.pidFile(component)).doesNotExist();
            assertThat(Ports.isListening(settings.port(component))).as("%s port", component).isFalse();
        }
        output.reset();
        stack.down();
        assertThat(output()).contains("not running");
    }

    private static StackSettings freePortSettings() {
        Map<StackComponent, Integer> ports = new EnumMap<>(StackComponent.class);
        for (StackComponent component : StackComponent.values()) {
            ports.put(component, Ports.freePort());
        }
        return new StackSettings(ports, Ports.freePort(), Duration.ofSeconds(60), Duration.ofSeconds(60), true,
                false, false, Ports.freePort());
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
