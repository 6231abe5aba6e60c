package dev.temppic.infra;

import static dev.temppic.infra.ProcessAssertions.assertListensOnlyOnLoopback;
import static dev.temppic.infra.ProcessAssertions.assertNoChildProcessUsing;
import static dev.temppic.infra.ProcessAssertions.assertPortClosed;
import static dev.temppic.infra.ProcessAssertions.assertProcessGone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.temppic.infra.server.PortInUseException;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.infra.server.RedisServer;

class RedisServerIT {

    @TempDir
    Path dir;

    private RedisServer redis;

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    private RedisServer newRedis(int port) {
        return new RedisServer(port, dir.resolve("redis"), dir.resolve("redis.log"), "TEMPPIC_REDIS_PORT",
                ProcessOptions.forTests());
    }

    @Test
    void setGetOnLoopbackThenStop() {
        int port = Ports.freePort();
        redis = newRedis(port);
        redis.start();
        long pid = redis.pid();

        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(RespClient.send(port, "SET", "greeting", "hello")).isEqualTo("OK");
        assertThat(RespClient.send(port, "GET", "greeting")).isEqualTo("hello");
        assertListensOnlyOnLoopback(port);

        redis.stop();

        assertProcessGone(pid);
        assertPortClosed(port);
        assertThat(redis.isHealthy()).isFalse();
        assertNoChildProcessUsing(dir);
    }

    @Test
    void restartKeepsDataOnSamePort() {
        int port = Ports.freePort();
        redis = newRedis(port);
        redis.start();
        RespClient.send(port, "SET", "survivor", "still here");
        long firstPid = redis.pid();

        redis.stop();
        redis.start();

        assertThat(redis.pid()).isNotEqualTo(firstPid);
        assertThat(redis.port()).isEqualTo(port);
        assertThat(RespClient.send(port, "GET", "survivor")).isEqualTo("still here");
        assertThat(Files.exists(dir.resolve("redis").resolve("appendonly.aof"))
                || Files.isDirectory(dir.resolve("redis").resolve("appendonlydir")))
                .as("AOF file in the data folder").isTrue();
    }

    @Test
    void takenPortFailsWithPortAndSetting() throws IOException {
        try (ServerSocket occupier = new ServerSocket()) {
            occupier.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = occupier.getLocalPort();
            redis = newRedis(port);

            assertThatThrownBy(redis::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("TEMPPIC_REDIS_PORT");
            assertThat(redis.isRunning()).isFalse();
            assertNoChildProcessUsing(dir);
        }
    }
}
