package dev.temppic.upload.receive;

import dev.temppic.upload.UploadProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies an upload body to a temporary file and enforces the size limit while it reads, so an oversized body is
 * rejected as soon as it passes the limit, with at most one 64 KiB buffer in memory.
 */
@Component
public class BodyReceiver {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final TempFiles tempFiles;
    private final long maxBytes;

    public BodyReceiver(TempFiles tempFiles, UploadProperties properties) {
        this.tempFiles = tempFiles;
        this.maxBytes = properties.maxSize().toBytes();
    }

    /**
     * Saves {@code body} to a new temporary file. The caller closes the result to delete the file; on every exception
     * the file is already deleted.
     *
     * @throws PayloadTooLargeException when the body has more than {@code temppic.upload.max-size} bytes; reading
     *     stops at the first byte over the limit
     * @throws UploadInterruptedException when reading the body fails
     * @throws IOException when the temporary file cannot be written
     */
    public ReceivedFile receive(InputStream body)
            throws PayloadTooLargeException, UploadInterruptedException, IOException {
        Path file = tempFiles.create("upload-");
        boolean complete = false;
        try {
            long size = copyWithLimit(body, file);
            complete = true;
            return new ReceivedFile(file, size);
        } finally {
            if (!complete) {
                TempFiles.deleteQuietly(file);
            }
        }
    }

    private long copyWithLimit(InputStream body, Path file)
            throws PayloadTooLargeException, UploadInterruptedException, IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                // Reads at most one byte past the limit, which is enough to know the body is too large.
                int requested = (int) Math.min(buffer.length, maxBytes - total + 1);
                int read = readBody(body, buffer, requested);
                if (read < 0) {
                    return total;
                }
                total += read;
                if (total > maxBytes) {
                    throw new PayloadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private static int readBody(InputStream body, byte[] buffer, int length) throws UploadInterruptedException {
        try {
            return body.read(buffer, 0, length);
        } catch (IOException e) {
            throw new UploadInterruptedException(e);
        }
    }
}
