package dev.temppic.upload.receive;

import dev.temppic.upload.UploadProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyReceiverTest {

    private static final int MAX_BYTES = 200_000;

    @TempDir
    Path directory;

    private BodyReceiver receiver() {
        UploadProperties properties = new UploadProperties(DataSize.ofBytes(MAX_BYTES), null, null, null, null, null,
                directory);
        return new BodyReceiver(new TempFiles(properties), properties);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    private long filesInDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void bodyAtLimitSavedWhole() throws Exception {
        byte[] body = randomBytes(MAX_BYTES);

        try (ReceivedFile received = receiver().receive(new ByteArrayInputStream(body))) {
            assertThat(received.size()).isEqualTo(MAX_BYTES);
            assertThat(Files.readAllBytes(received.path())).isEqualTo(body);
        }
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void oneByteOverLimitRejected() throws Exception {
        CountingStream body = new CountingStream(randomBytes(MAX_BYTES + 1_000_000));

        assertThatThrownBy(() -> receiver().receive(body))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("larger than the limit of 200000 bytes");
        assertThat(body.consumed).as("bytes read from the body").isEqualTo(MAX_BYTES + 1);
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void emptyBodyGivesEmptyFile() throws Exception {
        try (ReceivedFile received = receiver().receive(InputStream.nullInputStream())) {
            assertThat(received.size()).isZero();
        }
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void brokenBodyReportedAsInterrupted() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> receiver().receive(broken)).isInstanceOf(UploadInterruptedException.class);
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void tempFilesOwnerOnly() throws Exception {
        try (ReceivedFile received = receiver().receive(new ByteArrayInputStream(new byte[] {1}))) {
            assertThat(Files.getPosixFilePermissions(received.path()))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
    }

    @Test
    void staleFilesRemovedAtStartup() throws Exception {
        Path stale = Files.createFile(directory.resolve("upload-old.tmp"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        Path fresh = Files.createFile(directory.resolve("upload-new.tmp"));

        receiver();

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void formatsSizes() {
        assertThat(DataSizes.format(20 * 1024 * 1024)).isEqualTo("20 MiB (20971520 bytes)");
        assertThat(DataSizes.format(64 * 1024)).isEqualTo("64 KiB (65536 bytes)");
        assertThat(DataSizes.format(1000)).isEqualTo("1000 bytes");
    }

    /** A body that counts how many bytes the receiver took from it. */
    private static final class CountingStream extends ByteArrayInputStream {
        private long consumed;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                consumed += read;
            }
            return read;
        }
    }
}
