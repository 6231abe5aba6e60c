package dev.temppic.upload.metadata;

import dev.temppic.upload.validation.ImageFileInput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;

/** Metadata removal that copies a validated PNG chunk by chunk, keeping what decoding, colour and animation need. */
final class PngMetadataStripper {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private static final Set<String> KEPT_CHUNKS = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND",
            "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "cICP", "mDCv", "cLLi",
            "bKGD", "pHYs",
            "acTL", "fcTL", "fdAT");

    private final ImageFileInput input;
    private final OutputStream out;

    PngMetadataStripper(ImageFileInput input, OutputStream out) {
        this.input = input;
        this.out = out;
    }

    void strip(int orientation) throws IOException {
        if (!Arrays.equals(input.readBytes(SIGNATURE.length), SIGNATURE)) {
            throw MetadataStripper.notAsInspected("PNG", "damaged signature");
        }
        out.write(SIGNATURE);
        boolean exifPending = MinimalExif.needed(orientation);

        while (true) {
            long length = input.readU32BigEndian();
            String type = new String(input.readBytes(4), StandardCharsets.ISO_8859_1);
            if (KEPT_CHUNKS.contains(type)) {
                out.write(ByteBuffer.allocate(8).putInt((int) length).put(type.getBytes(StandardCharsets.ISO_8859_1))
                        .array());
                input.stream(length + 4, out::write);
            } else {
                input.skip(length + 4);
                // The first eXIf chunk supplied the orientation, so its replacement takes the same place.
                if (type.equals("eXIf") && exifPending) {
                    writeChunk("eXIf", MinimalExif.tiff(orientation));
                    exifPending = false;
                }
            }
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    private void writeChunk(String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
