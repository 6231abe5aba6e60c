package dev.temppic.infra.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Reads the end of a server's log file for error messages. */
public final class LogFiles {

    private static final int MAX_TAIL_BYTES = 64 * 1024;

    /** Start of the line written before each start of a server, so a tail shows only the current run. */
    static final String RUN_HEADER_PREFIX = "===== TempPic local infrastructure: starting ";

    private LogFiles() {
    }

    /** Appends a line that marks the start of a new run of {@code name} to {@code logFile}. */
    static void appendRunHeader(Path logFile, String name) throws IOException {
        Files.writeString(logFile, RUN_HEADER_PREFIX + name + " at " + Instant.now() + " =====" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Returns the last {@code maxLines} lines among the last 64 KiB of {@code logFile}, from the latest run header
     * on, or an empty string if the file cannot be read.
     */
    public static String tail(Path logFile, int maxLines) {
        if (!Files.isRegularFile(logFile)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            int first = Math.max(0, lines.size() - maxLines);
            for (int i = lines.size() - 1; i >= first; i--) {
                if (lines.get(i).startsWith(RUN_HEADER_PREFIX)) {
                    first = i + 1;
                    break;
                }
            }
            return String.join(System.lineSeparator(), lines.subList(first, lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
