package dev.temppic.upload.receive;

import dev.temppic.upload.UploadProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * Creates the temporary files of uploads in progress in one directory that only this user can read, because they
 * hold unencrypted image bytes.
 *
 * <p>Every caller deletes its files when the request ends. Files left behind by a process that crashed are removed
 * at startup once they are older than {@link #STALE_AFTER}; younger files may belong to another instance that shares
 * the directory.
 */
@Component
public class TempFiles {

    /** Age after which a file in the directory cannot belong to an upload still in progress. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    public TempFiles(UploadProperties properties) {
        this.directory = properties.tempDirectory().toAbsolutePath();
        try {
            createDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the temporary upload directory " + directory
                    + ": create it or set temppic.upload.temp-directory to a writable directory", e);
        }
        deleteStaleFiles();
    }

    /** Creates an empty file, readable and writable by this user only, whose name starts with {@code prefix}. */
    public Path create(String prefix) throws IOException {
        if (POSIX) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(directory, prefix, ".tmp", ownerOnly);
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    /** Deletes a file if it exists, logging instead of throwing when that fails. */
    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete temporary file {}: {}", file, e.toString());
        }
    }

    /** Returns the directory that contains the files. */
    public Path directory() {
        return directory;
    }

    private void createDirectory() throws IOException {
        if (POSIX && !Files.isDirectory(directory)) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(directory, ownerOnly);
        } else {
            Files.createDirectories(directory);
        }
    }

    private void deleteStaleFiles() {
        Instant staleBefore = Instant.now().minus(STALE_AFTER);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tmp")) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        } catch (IOException e) {
            log.warn("Cannot remove stale temporary files from {}: {}", directory, e.toString());
        }
        if (deleted > 0) {
            log.info("Removed {} stale temporary upload files from {}", deleted, directory);
        }
    }
}
