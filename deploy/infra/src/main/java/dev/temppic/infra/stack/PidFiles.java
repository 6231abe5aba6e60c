package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import dev.temppic.infra.server.ManagedProcess;

/** One PID per file, as written by {@code up} and read by {@code down} and {@code status}. */
final class PidFiles {

    private PidFiles() {
    }

    static void write(Path file, long pid) {
        try {
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    static OptionalLong read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + file, e);
        }
    }

    /**
     * Returns the live process whose PID {@code file} records, if it belongs to the stack in {@code home}.
     *
     * <p>Every process the stack starts runs in a folder under .temppic/data and has the .temppic path on its
     * command line (a settings file there, or the {@value ServiceProcess#HOME_MARKER_PROPERTY} property). So a PID
     * that the system has since given to an unrelated program is not taken for ours. Both are checked because
     * redis-server replaces its command line with "host:port" once it runs.
     */
    static Optional<ProcessHandle> ownProcess(Path file, Path home) {
        OptionalLong pid = read(file);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong())
                .filter(ManagedProcess::isRunning)
                .filter(handle -> workingDirectory(handle).map(dir -> dir.startsWith(home)).orElse(false)
                        || handle.info().commandLine().map(line -> line.contains(home.toString())).orElse(false));
    }

    /** Returns the working directory of a process on Linux (from /proc), or empty elsewhere. */
    private static Optional<Path> workingDirectory(ProcessHandle handle) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(handle.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
