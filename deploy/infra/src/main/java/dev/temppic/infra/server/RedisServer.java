package dev.temppic.infra.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A redis-server process on 127.0.0.1 with protected mode on and AOF persistence in its data folder.
 *
 * <p>The binary is {@code redis-server} from the PATH when present, otherwise the Linux, macOS or Windows build
 * bundled in {@code com.github.codemonstur:embedded-redis} (Redis 6.2 for Linux x86-64), extracted into
 * the data folder's parent.
 */
public final class RedisServer extends ProcessServer {

    private final Path dataDir;

    /**
     * @param dataDir     folder for the AOF files and redis.conf; kept between starts, so data survives a restart
     * @param portSetting the setting that changes {@code port}, named in the error when the port is taken
     */
    public RedisServer(int port, Path dataDir, Path logFile, String portSetting, ProcessOptions options) {
        super("Redis", port, dataDir, logFile, portSetting, options);
        this.dataDir = dataDir;
    }

    @Override
    protected void prepare() {
        try {
            Files.createDirectories(dataDir);
            // Every setting is written out, so the server's behaviour does not depend on the binary's defaults.
            String config = String.join("\n",
                    "bind 127.0.0.1",
                    "port " + port(),
                    "protected-mode yes",
                    "daemonize no",
                    "dir " + dataDir.toAbsolutePath(),
                    "appendonly yes",
                    "appendfilename appendonly.aof",
                    "appendfsync everysec",
                    // AOF only: no RDB snapshots next to it.
                    "save \"\"",
                    "logfile \"\"",
                    "databases 16",
                    "");
            Files.writeString(configFile(), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerStartException("Failed to write " + configFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected List<String> command() {
        return List.of(executable().toString(), configFile().toString());
    }

    private Path configFile() {
        return dataDir.resolve("redis.conf").toAbsolutePath();
    }

    /** Sends PING over a new connection and returns whether the reply is +PONG. */
    @Override
    public boolean isHealthy() {
        return ping(Ports.LOOPBACK, port());
    }

    /** Sends PING to the Redis server at {@code host:port} and returns whether it replied +PONG. */
    public static boolean ping(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns redis-server from the PATH, or else the binary bundled in embedded-redis. */
    Path executable() {
        Path fromPath = findOnPath("redis-server");
        if (fromPath != null) {
            return fromPath;
        }
        return extractBundledBinary(dataDir.toAbsolutePath().getParent().resolve("redis-bin"));
    }

    /**
     * Copies the bundled binary for this OS and architecture into {@code binDir} unless an earlier start did, and
     * returns its path. Reusing the copy matters: rewriting a binary that a running server executes fails.
     */
    private static synchronized Path extractBundledBinary(Path binDir) {
        OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
        String resource = ExecutableProvider.newProvidedVersionsMap().get(platform);
        if (resource == null) {
            throw new ServerStartException("No redis-server on the PATH, and embedded-redis bundles no binary for "
                    + platform.os + " " + platform.arch + ". Install Redis and retry.");
        }
        Path binary = binDir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ServerStartException("Resource " + resource + " is missing from the embedded-redis jar");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isExecutable(binary) && Files.size(binary) == bytes.length) {
                return binary;
            }
            Files.createDirectories(binDir);
            Path temporary = Files.createTempFile(binDir, "redis-server", ".tmp");
            Files.write(temporary, bytes);
            if (!temporary.toFile().setExecutable(true, true)) {
                throw new IOException("Failed to make " + temporary + " executable");
            }
            Files.move(temporary, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new ServerStartException("No redis-server on the PATH, and extracting the binary bundled in"
                    + " embedded-redis to " + binDir + " failed: " + e.getMessage()
                    + ". Install Redis (for example `apt-get install redis-server`) and retry.", e);
        }
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
