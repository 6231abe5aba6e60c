package dev.temppic.infra.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operating-system process started by this module, with its output appended to a log file.
 *
 * <p>Stopping sends SIGTERM to the process and all of its descendants, waits for the grace period and then sends
 * SIGKILL to whatever is still alive, so no child (such as a Redis AOF rewrite) outlives it.
 */
public final class ManagedProcess {

    private static final File DEV_NULL = new File("/dev/null");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String ARCHIVE_AT_EXIT = "-XX:ArchiveClassesAtExit=";

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}.
     *
     * @param environment extra environment variables; use them for secrets, because the command line of every
     *                    process is readable by all users through ps
     * @param detached    when true, starts the process in its own session (via setsid, where present) so that it
     *                    keeps running after the terminal that started it closes
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workDir, Path logFile, boolean detached) {
        List<String> fullCommand = new ArrayList<>();
        // A child of the JVM is never a process group leader, so setsid calls setsid(2) and execs in place:
        // the PID stays the one the pid file records.
        if (detached && Files.isExecutable(SETSID)) {
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            LogFiles.appendRunHeader(logFile, name);
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (DEV_NULL.exists()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            }
            builder.environment().putAll(environment);
            return new ManagedProcess(name, startRetryingBusyExecutable(builder), logFile);
        } catch (IOException e) {
            throw new ServerStartException("Failed to start " + name + " (" + command.get(0) + "): " + e.getMessage()
                    + ". See " + logFile, e);
        }
    }

    /**
     * Starts the process, retrying for up to 1 s while exec fails with ETXTBSY ("Text file busy"). That happens
     * when another thread of this JVM forks while a new executable is still open for writing, because the fork
     * inherits the open file until it execs its own program.
     */
    private static Process startRetryingBusyExecutable(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 10 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the exit code, or throws if the process is still running. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Stops the process and its descendants and waits until they have ended.
     *
     * @return true if the process ended within {@code grace} after SIGTERM, false if it needed SIGKILL
     */
    public boolean stop(Duration grace) {
        return stopTree(process.toHandle(), grace);
    }

    /**
     * Stops a process and its descendants: SIGTERM to all, then SIGKILL to those alive after {@code grace}.
     *
     * @return true if everything ended within {@code grace}, false if SIGKILL was needed
     */
    public static boolean stopTree(ProcessHandle root, Duration grace) {
        // Collected before the root ends, because a dead parent's children are reparented and no longer found.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        for (ProcessHandle handle : tree) {
            handle.destroy();
        }
        Optional<String> archive = archiveAtExit(root);
        boolean graceful = awaitExit(tree, grace);
        if (!graceful) {
            for (ProcessHandle handle : tree) {
                handle.destroyForcibly();
            }
            awaitExit(tree, Duration.ofSeconds(10));
            // A JVM killed while writing its class-data sharing archive leaves a truncated file, which later JVMs
            // would reject on every start. Without the file the next run writes a new one.
            archive.ifPresent(ManagedProcess::deleteQuietly);
        }
        return graceful;
    }

    /** Returns the -XX:ArchiveClassesAtExit file of a JVM process, if it has that option. */
    public static Optional<String> archiveAtExit(ProcessHandle process) {
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (String argument : arguments) {
            if (argument.startsWith(ARCHIVE_AT_EXIT)) {
                return Optional.of(argument.substring(ARCHIVE_AT_EXIT.length()));
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(String file) {
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException | RuntimeException e) {
            // The next start then runs without a usable archive, only slower.
        }
    }

    /**
     * Polls every 50 ms until none of {@code handles} is alive or {@code timeout} has passed. Polling rather than
     * {@link ProcessHandle#onExit()}, because for a process that is not a child of this JVM (as in the local
     * stack's down) onExit only notices the end after a back-off of up to seconds.
     */
    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handles.stream().anyMatch(ManagedProcess::isRunning)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handles.stream().noneMatch(ManagedProcess::isRunning);
            }
        }
        return true;
    }

    /**
     * Returns whether the process is alive and not a zombie. A process whose parent has exited (as after the
     * local stack's up) is reaped by init, which can take seconds. Until then isAlive() still returns true.
     */
    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "stat"));
            // Format: pid (comm) state ...; comm may contain spaces and parentheses, so search from the last ')'.
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    /** Returns the last {@code maxLines} lines of the log file, for error messages. */
    public String logTail(int maxLines) {
        return LogFiles.tail(logFile, maxLines);
    }
}
