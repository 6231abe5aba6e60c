package dev.temppic.upload.validation;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Sequential reader over an image file through a fixed 64 KiB buffer, so memory use does not grow with the file size.
 * Multi-byte reads are unsigned. A read past the end of the file throws {@link EOFException}.
 *
 * <p>The validators and the metadata stripper both walk files with it. Not thread-safe.
 */
public final class ImageFileInput implements Closeable {

    /** Receives a run of bytes. {@link java.io.OutputStream#write(byte[], int, int)} fits this shape. */
    @FunctionalInterface
    public interface ByteRunConsumer {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    static final int BUFFER_SIZE = 64 * 1024;

    private static final byte[] FILL_BYTES = new byte[256];

    /** Every byte value at its own index, so a single byte can be passed as a run without allocating. */
    private static final byte[] BYTE_VALUES = new byte[256];

    static {
        Arrays.fill(FILL_BYTES, (byte) 0xFF);
        for (int value = 0; value < 256; value++) {
            BYTE_VALUES[value] = (byte) value;
        }
    }

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    /** File offset of the byte at buffer index 0. */
    private long bufferStart;

    private ImageFileInput(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buffer.limit(0);
    }

    /** Opens the file for reading at offset 0. */
    public static ImageFileInput open(Path file) throws IOException {
        return new ImageFileInput(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** File size in bytes, read once when the file was opened. */
    public long size() {
        return size;
    }

    /** Offset of the next byte that a sequential read returns. */
    public long position() {
        return bufferStart + buffer.position();
    }

    /** Number of bytes between the position and the end of the file. */
    public long remaining() {
        return size - position();
    }

    /** Moves the position to {@code newPosition}, which may be at most the file size. */
    public void seek(long newPosition) throws IOException {
        if (newPosition < 0 || newPosition > size) {
            throw new EOFException("Cannot seek to offset " + newPosition + " in a file of " + size + " bytes");
        }
        if (newPosition >= bufferStart && newPosition <= bufferStart + buffer.limit()) {
            buffer.position((int) (newPosition - bufferStart));
        } else {
            buffer.clear().limit(0);
            bufferStart = newPosition;
        }
    }

    /** Skips {@code count} bytes, throwing {@link EOFException} when fewer remain. */
    public void skip(long count) throws IOException {
        requireRemaining(count);
        seek(position() + count);
    }

    public int readU8() throws IOException {
        if (!buffer.hasRemaining()) {
            fill(1);
        }
        return buffer.get() & 0xFF;
    }

    public int readU16BigEndian() throws IOException {
        ensureBuffered(2);
        return ((buffer.get() & 0xFF) << 8) | (buffer.get() & 0xFF);
    }

    public int readU16LittleEndian() throws IOException {
        ensureBuffered(2);
        return (buffer.get() & 0xFF) | ((buffer.get() & 0xFF) << 8);
    }

    public int readU24LittleEndian() throws IOException {
        ensureBuffered(3);
        return (buffer.get() & 0xFF) | ((buffer.get() & 0xFF) << 8) | ((buffer.get() & 0xFF) << 16);
    }

    public long readU32BigEndian() throws IOException {
        ensureBuffered(4);
        return ((long) (buffer.get() & 0xFF) << 24) | ((buffer.get() & 0xFF) << 16)
                | ((buffer.get() & 0xFF) << 8) | (buffer.get() & 0xFF);
    }

    public long readU32LittleEndian() throws IOException {
        ensureBuffered(4);
        return (buffer.get() & 0xFF) | ((buffer.get() & 0xFF) << 8)
                | ((buffer.get() & 0xFF) << 16) | ((long) (buffer.get() & 0xFF) << 24);
    }

    /** Reads exactly {@code count} bytes into a new array. Callers keep {@code count} small (a header or segment). */
    public byte[] readBytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        int[] filled = {0};
        stream(count, (source, offset, length) -> {
            System.arraycopy(source, offset, bytes, filled[0], length);
            filled[0] += length;
        });
        return bytes;
    }

    /**
     * Passes the next {@code count} bytes to {@code consumer} in runs of at most 64 KiB. The runs share the internal
     * buffer, so the consumer must copy what it keeps. Throws {@link EOFException} before reading anything when fewer
     * than {@code count} bytes remain.
     */
    public void stream(long count, ByteRunConsumer consumer) throws IOException {
        requireRemaining(count);
        long left = count;
        while (left > 0) {
            if (!buffer.hasRemaining()) {
                fill(1);
            }
            int run = (int) Math.min(left, buffer.remaining());
            consumer.accept(buffer.array(), buffer.position(), run);
            buffer.position(buffer.position() + run);
            left -= run;
        }
    }

    /**
     * Reads {@code length} bytes at {@code offset} without moving the sequential position, throwing
     * {@link EOFException} when the file ends first.
     */
    public byte[] readAt(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new EOFException("Cannot read " + length + " bytes at offset " + offset
                    + " in a file of " + size + " bytes");
        }
        ByteBuffer target = ByteBuffer.allocate(length);
        while (target.hasRemaining()) {
            if (channel.read(target, offset + target.position()) < 0) {
                throw new EOFException("The file ended while reading at offset " + (offset + target.position()));
            }
        }
        return target.array();
    }

    /**
     * Reads JPEG entropy-coded data, the bytes after an SOS segment, up to the next marker other than RST0 to RST7.
     * Passes the data bytes unchanged to {@code consumer}, which may be null, including stuffed {@code FF 00} pairs
     * and RST markers. Returns the code of the marker that ends the data, with the position after it. Fill bytes
     * ({@code FF}) before that marker are not part of the data and are not passed on.
     */
    public int readJpegEntropyCodedData(ByteRunConsumer consumer) throws IOException {
        while (true) {
            if (!buffer.hasRemaining()) {
                fill(1);
            }
            byte[] bytes = buffer.array();
            int start = buffer.position();
            int end = buffer.limit();
            int markerIndex = start;
            while (markerIndex < end && bytes[markerIndex] != (byte) 0xFF) {
                markerIndex++;
            }
            if (consumer != null && markerIndex > start) {
                consumer.accept(bytes, start, markerIndex - start);
            }
            buffer.position(markerIndex);
            if (markerIndex == end) {
                continue;
            }

            buffer.get();
            int fillCount = 0;
            int code = readU8();
            while (code == 0xFF) {
                fillCount++;
                code = readU8();
            }
            boolean dataContinues = code == 0x00 || (code >= 0xD0 && code <= 0xD7);
            if (!dataContinues) {
                return code;
            }
            if (consumer != null) {
                consumer.accept(FILL_BYTES, 0, 1);
                for (int left = fillCount; left > 0; left -= FILL_BYTES.length) {
                    consumer.accept(FILL_BYTES, 0, Math.min(left, FILL_BYTES.length));
                }
                consumer.accept(BYTE_VALUES, code, 1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void requireRemaining(long count) throws EOFException {
        if (count < 0 || count > remaining()) {
            throw new EOFException("Cannot read " + count + " bytes at offset " + position()
                    + ", only " + remaining() + " remain");
        }
    }

    private void ensureBuffered(int count) throws IOException {
        if (buffer.remaining() < count) {
            fill(count);
        }
    }

    /** Refills the buffer from the position on, with at least {@code needed} bytes or an {@link EOFException}. */
    private void fill(int needed) throws IOException {
        long start = position();
        if (size - start < needed) {
            throw new EOFException("Cannot read " + needed + " bytes at offset " + start
                    + ", only " + (size - start) + " remain");
        }
        buffer.clear();
        bufferStart = start;
        while (buffer.hasRemaining() && bufferStart + buffer.position() < size) {
            if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        if (buffer.remaining() < needed) {
            throw new EOFException("The file shrank while it was read, at offset " + start);
        }
    }
}
