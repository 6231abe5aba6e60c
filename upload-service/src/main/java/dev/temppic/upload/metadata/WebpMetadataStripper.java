package dev.temppic.upload.metadata;

import dev.temppic.upload.validation.ImageFileInput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Metadata removal that copies a validated WebP file without its EXIF, XMP and unknown chunks. A simple (VP8 or VP8L
 * only) file has no place for metadata and is copied as it is. An extended file is walked twice: once to compute the
 * new RIFF size and VP8X flags, which come first in the output, and once to write.
 */
final class WebpMetadataStripper {

    private static final int FLAG_ICC = 0x20;
    private static final int FLAG_ALPHA = 0x10;
    private static final int FLAG_EXIF = 0x08;
    private static final int FLAG_ANIMATION = 0x02;
    private static final int RIFF_HEADER_SIZE = 12;
    private static final int CHUNK_HEADER_SIZE = 8;
    private static final int VP8X_PAYLOAD_SIZE = 10;
    private static final int ANMF_HEADER_SIZE = 16;

    private final ImageFileInput input;
    private final OutputStream out;

    private boolean iccKept;
    private boolean exifKept;

    WebpMetadataStripper(ImageFileInput input, OutputStream out) {
        this.input = input;
        this.out = out;
    }

    void strip(int orientation) throws IOException {
        byte[] header = input.readBytes(RIFF_HEADER_SIZE);
        if (header[0] != 'R' || header[1] != 'I' || header[2] != 'F' || header[3] != 'F') {
            throw MetadataStripper.notAsInspected("WebP", "no RIFF header");
        }
        long riffEnd = CHUNK_HEADER_SIZE + littleEndian32(header, 4);
        String firstChunk = fourCc();
        long firstSize = input.readU32LittleEndian();

        if (firstChunk.equals("VP8 ") || firstChunk.equals("VP8L")) {
            input.seek(0);
            input.stream(riffEnd, out::write);
            return;
        }
        if (!firstChunk.equals("VP8X") || firstSize != VP8X_PAYLOAD_SIZE) {
            throw MetadataStripper.notAsInspected("WebP", "no VP8X chunk after the RIFF header");
        }
        byte[] extendedHeader = input.readBytes(VP8X_PAYLOAD_SIZE);
        int flags = extendedHeader[0] & 0xFF;
        long chunksStart = input.position();

        long chunksSize = copyChunks(chunksStart, riffEnd, flags, orientation, false);
        int newFlags = (flags & (FLAG_ALPHA | FLAG_ANIMATION)) | (iccKept ? FLAG_ICC : 0) | (exifKept ? FLAG_EXIF : 0);
        long riffSize = 4 + CHUNK_HEADER_SIZE + VP8X_PAYLOAD_SIZE + chunksSize;

        out.write(new byte[] {'R', 'I', 'F', 'F'});
        writeLittleEndian32(riffSize);
        out.write(new byte[] {'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'});
        writeLittleEndian32(VP8X_PAYLOAD_SIZE);
        out.write(new byte[] {(byte) newFlags, 0, 0, 0});
        out.write(extendedHeader, 4, 6);
        copyChunks(chunksStart, riffEnd, flags, orientation, true);
    }

    /**
     * Walks the chunks after VP8X and returns the total size of those kept. Writes them when {@code write} is set.
     * Both passes make the same decisions, so the first pass's size matches what the second writes.
     */
    private long copyChunks(long start, long riffEnd, int flags, int orientation, boolean write) throws IOException {
        long total = 0;
        iccKept = false;
        exifKept = false;
        boolean exifDone = !MinimalExif.needed(orientation);
        long offset = start;
        while (offset < riffEnd) {
            input.seek(offset);
            String fourCc = fourCc();
            long size = input.readU32LittleEndian();
            long payloadOffset = input.position();
            switch (fourCc) {
                case "ICCP" -> {
                    // A profile without the VP8X flag is ignored by decoders, so it is not kept either.
                    if ((flags & FLAG_ICC) != 0 && !iccKept) {
                        iccKept = true;
                        total += copyChunk(fourCc, payloadOffset, size, write);
                    }
                }
                case "ANIM", "ALPH", "VP8 ", "VP8L" -> total += copyChunk(fourCc, payloadOffset, size, write);
                case "ANMF" -> total += copyFrame(payloadOffset, size, write);
                case "EXIF" -> {
                    if (!exifDone) {
                        exifDone = true;
                        exifKept = true;
                        total += writeChunk("EXIF", MinimalExif.tiff(orientation), write);
                    }
                }
                default -> {
                    // XMP and unknown chunks are dropped.
                }
            }
            offset = payloadOffset + size + (size & 1);
        }
        return total;
    }

    /** Rebuilds an ANMF chunk with its 16-byte frame header and only its ALPH, VP8 and VP8L sub-chunks. */
    private long copyFrame(long payloadOffset, long size, boolean write) throws IOException {
        long frameEnd = payloadOffset + size;
        long innerStart = payloadOffset + ANMF_HEADER_SIZE;
        long innerSize = copyFrameContent(innerStart, frameEnd, false);
        long payloadSize = ANMF_HEADER_SIZE + innerSize;
        if (write) {
            out.write(new byte[] {'A', 'N', 'M', 'F'});
            writeLittleEndian32(payloadSize);
            input.seek(payloadOffset);
            input.stream(ANMF_HEADER_SIZE, out::write);
            copyFrameContent(innerStart, frameEnd, true);
        }
        return CHUNK_HEADER_SIZE + payloadSize;
    }

    private long copyFrameContent(long start, long end, boolean write) throws IOException {
        long total = 0;
        long offset = start;
        while (offset < end) {
            input.seek(offset);
            String fourCc = fourCc();
            long size = input.readU32LittleEndian();
            long payloadOffset = input.position();
            if (fourCc.equals("ALPH") || fourCc.equals("VP8 ") || fourCc.equals("VP8L")) {
                total += copyChunk(fourCc, payloadOffset, size, write);
            }
            offset = payloadOffset + size + (size & 1);
        }
        return total;
    }

    /** Copies one chunk, writing a zero padding byte after an odd-sized payload, and returns its padded size. */
    private long copyChunk(String fourCc, long payloadOffset, long size, boolean write) throws IOException {
        if (write) {
            out.write(fourCc.getBytes(StandardCharsets.ISO_8859_1));
            writeLittleEndian32(size);
            input.seek(payloadOffset);
            input.stream(size, out::write);
            if ((size & 1) != 0) {
                out.write(0);
            }
        }
        return CHUNK_HEADER_SIZE + size + (size & 1);
    }

    private long writeChunk(String fourCc, byte[] payload, boolean write) throws IOException {
        if (write) {
            out.write(fourCc.getBytes(StandardCharsets.ISO_8859_1));
            writeLittleEndian32(payload.length);
            out.write(payload);
            if ((payload.length & 1) != 0) {
                out.write(0);
            }
        }
        return CHUNK_HEADER_SIZE + payload.length + (payload.length & 1);
    }

    private String fourCc() throws IOException {
        return new String(input.readBytes(4), StandardCharsets.ISO_8859_1);
    }

    private void writeLittleEndian32(long value) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }

    private static long littleEndian32(byte[] bytes, int index) {
        return ByteBuffer.wrap(bytes, index, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
    }
}
