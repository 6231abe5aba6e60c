package dev.temppic.infra.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that runs as its own operating-system process: start, wait for the health check, stop.
 *
 * <p>Subclasses write their configuration in {@link #prepare()}, give the command line, and may finish setup
 * (topics, buckets) in {@link #afterHealthy()}.
 */
public abstract class ProcessServer implements ManagedServer {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessServer.class);

    /** Time a server gets to end after SIGTERM before it and its children get SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String name;
    private final int port;
    private final Path workDir;
    private final Path logFile;
    private final String portSetting;
    private final ProcessOptions options;
    private volatile ManagedProcess process;
    private volatile boolean startAborted;

    protected ProcessServer(String name, int port, Path workDir, Path logFile, String portSetting,
            ProcessOptions options) {
        this.name = name;
        this.port = port;
        this.workDir = workDir;
        this.logFile = logFile;
        this.portSetting = portSetting;
        this.options = options;
    }

    /** Writes configuration files and checks preconditions; runs before the process starts. */
    protected abstract void prepare();

    protected abstract List<String> command();

    /** Environment variables for the process; secrets go here rather than on the command line. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Other ports the server binds besides {@link #port()}, each with the setting that changes it. */
    protected Map<Integer, String> extraPorts() {
        return Map.of();
    }

    /** Runs once the health check passes, before {@link #start()} returns. */
    protected void afterHealthy() {
    }

    protected ProcessOptions options() {
        return options;
    }

    protected Path workDir() {
        return workDir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        ManagedProcess current = process;
        return current == null ? -1 : current.pid();
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    /** Returns the running process, or null when stopped. */
    public ManagedProcess process() {
        return process;
    }

    @Override
    public boolean isRunning() {
        ManagedProcess current = process;
        return current != null && current.isAlive();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only the launch holds this server's lock; the wait for the health check does not, so that
     * {@link #stop()} (from a shutdown hook, for example) ends a start that is still waiting.
     */
    @Override
    public void start() {
        long startNanos = System.nanoTime();
        ManagedProcess launched;
        synchronized (this) {
            if (process != null) {
                throw new IllegalStateException(name + " is already running with pid " + process.pid());
            }
            startAborted = false;
            Ports.requireFree(port, name, portSetting);
            extraPorts().forEach((extraPort, setting) -> Ports.requireFree(extraPort, name, setting));
            prepare();
            ShutdownHooks.register(this);
            try {
                launched = ManagedProcess.start(name, command(), environment(), workDir, logFile,
                        options.detached());
            } catch (RuntimeException e) {
                ShutdownHooks.unregister(this);
                throw e;
            }
            process = launched;
        }
        try {
            awaitHealthy(launched, startNanos);
            afterHealthy();
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        LOG.info("Started {} on 127.0.0.1:{} (pid {}) in {} ms, log {}", name, port, launched.pid(),
                millisSince(startNanos), logFile);
    }

    private void awaitHealthy(ManagedProcess launched, long startNanos) {
        long deadline = startNanos + options.startTimeout().toNanos();
        while (true) {
            if (startAborted || process != launched) {
                throw new ServerStartException("Start of " + name + " was aborted");
            }
            if (!launched.isAlive()) {
                throw new ServerStartException(name + " exited with code " + launched.exitValue()
                        + " during start. See " + logFile + ", which ends with:" + System.lineSeparator()
                        + launched.logTail(20));
            }
            if (isHealthy()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ServerStartException(name + " on port " + port + " (pid " + launched.pid()
                        + ") did not pass its health check within " + options.startTimeout().toSeconds()
                        + " s. See " + logFile + ", which ends with:" + System.lineSeparator()
                        + launched.logTail(20));
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * Makes a {@link #start()} that is waiting for the health check in another thread give up, stop the process
     * and throw. Does nothing to a server that is already up.
     */
    public void abortStart() {
        startAborted = true;
    }

    @Override
    public synchronized void stop() {
        ManagedProcess current = process;
        if (current == null) {
            return;
        }
        long startNanos = System.nanoTime();
        boolean graceful = current.stop(STOP_GRACE);
        process = null;
        ShutdownHooks.unregister(this);
        LOG.info("Stopped {} on 127.0.0.1:{} (pid {}) in {} ms{}", name, port, current.pid(),
                millisSince(startNanos), graceful ? "" : " after SIGKILL");
    }

    /**
     * Forgets the process without stopping it, so it keeps running after this JVM exits. The local stack calls
     * this once everything is up; {@code down} later stops the process by its PID.
     */
    public synchronized ManagedProcess release() {
        if (ShutdownHooks.isShuttingDown()) {
            throw new IllegalStateException("Not keeping " + name + " running: the JVM is shutting down and stops it");
        }
        ManagedProcess current = process;
        process = null;
        ShutdownHooks.unregister(this);
        return current;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Failed to stop {} after a failed start", name, e);
        }
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while waiting for a server to start", e);
        }
    }

    /** Returns the command that starts a Java process with the JVM running this code. */
    protected static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
