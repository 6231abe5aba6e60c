package dev.temppic.upload.receive;

import java.nio.file.Path;

/**
 * A request body saved to a temporary file. Closing it deletes the file.
 *
 * @param path the temporary file
 * @param size number of bytes in the file
 */
public record ReceivedFile(Path path, long size) implements AutoCloseable {

    @Override
    public void close() {
        TempFiles.deleteQuietly(path);
    }
}
