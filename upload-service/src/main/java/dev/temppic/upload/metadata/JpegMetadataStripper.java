package dev.temppic.upload.metadata;

import dev.temppic.upload.validation.ImageFileInput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Metadata removal that copies a validated JPEG segment by segment, keeping what decoding and colour need. */
final class JpegMetadataStripper {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int TEM = 0x01;

    private static final byte[] JFIF = {'J', 'F', 'I', 'F', 0};
    /** Identifier, version, density units and densities, then the thumbnail width and height (bytes 12 and 13). */
    private static final int JFIF_HEADER_LENGTH = 14;
    private static final byte[] ICC_PROFILE = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
    private static final byte[] ADOBE = {'A', 'd', 'o', 'b', 'e'};

    private final ImageFileInput input;
    private final OutputStream out;

    JpegMetadataStripper(ImageFileInput input, OutputStream out) {
        this.input = input;
        this.out = out;
    }

    void strip(int orientation) throws IOException {
        if (input.readU8() != 0xFF || input.readU8() != SOI) {
            throw MetadataStripper.notAsInspected("JPEG", "no start-of-image marker");
        }
        out.write(new byte[] {(byte) 0xFF, (byte) SOI});
        boolean exifPending = MinimalExif.needed(orientation);

        int pendingMarker = -1;
        while (true) {
            int code = pendingMarker >= 0 ? pendingMarker : readMarker();
            pendingMarker = -1;
            if (code == EOI) {
                // Anything after EOI was rejected by the inspection, and none of it is copied.
                out.write(new byte[] {(byte) 0xFF, (byte) EOI});
                return;
            }
            if (code == TEM) {
                continue;
            }
            if (code == SOI || (code >= 0xD0 && code <= 0xD7)) {
                throw MetadataStripper.notAsInspected("JPEG", String.format("marker 0xFF%02X out of place", code));
            }

            int length = input.readU16BigEndian();
            if (length < 2) {
                throw MetadataStripper.notAsInspected("JPEG", "invalid segment length " + length);
            }
            int payloadLength = length - 2;
            if (!keeps(code, payloadLength)) {
                input.skip(payloadLength);
                continue;
            }

            // EXIF belongs right after SOI, or after the APP0 JFIF segment that must come first.
            boolean jfif = code == APP0;
            if (exifPending && !jfif) {
                out.write(MinimalExif.jpegApp1Segment(orientation));
                exifPending = false;
            }
            if (jfif && payloadLength > JFIF_HEADER_LENGTH) {
                writeJfifWithoutThumbnail(payloadLength);
                continue;
            }
            out.write(new byte[] {(byte) 0xFF, (byte) code, (byte) (length >> 8), (byte) length});
            input.stream(payloadLength, out::write);
            if (code == SOS) {
                pendingMarker = input.readJpegEntropyCodedData(out::write);
            }
        }
    }

    /**
     * Writes the APP0 JFIF segment without its embedded RGB thumbnail, which shows the picture as it was when the
     * thumbnail was made (possibly before cropping or editing), by setting the thumbnail size to 0 x 0.
     */
    private void writeJfifWithoutThumbnail(int payloadLength) throws IOException {
        byte[] header = input.readBytes(JFIF_HEADER_LENGTH);
        input.skip(payloadLength - JFIF_HEADER_LENGTH);
        header[12] = 0;
        header[13] = 0;
        int length = 2 + JFIF_HEADER_LENGTH;
        out.write(new byte[] {(byte) 0xFF, (byte) APP0, (byte) (length >> 8), (byte) length});
        out.write(header);
    }

    private int readMarker() throws IOException {
        if (input.readU8() != 0xFF) {
            throw MetadataStripper.notAsInspected("JPEG", "no marker at byte " + (input.position() - 1));
        }
        int code = input.readU8();
        while (code == 0xFF) {
            code = input.readU8();
        }
        return code;
    }

    /** Decides whether the segment is needed to render the image. Reads ahead without moving the position. */
    private boolean keeps(int code, int payloadLength) throws IOException {
        if (code == APP0) {
            return payloadStartsWith(JFIF, payloadLength);
        }
        if (code == APP2) {
            return payloadStartsWith(ICC_PROFILE, payloadLength);
        }
        if (code == APP14) {
            return payloadStartsWith(ADOBE, payloadLength);
        }
        if (code >= 0xE0 && code <= 0xEF) {
            return false;
        }
        // Frame headers, tables (DHT, DAC, DQT), DRI, DNL and SOS. Comments (COM, 0xFE) go.
        return (code >= 0xC0 && code <= 0xCF) || (code >= 0xDA && code <= 0xDD);
    }

    private boolean payloadStartsWith(byte[] identifier, int payloadLength) throws IOException {
        if (payloadLength < identifier.length) {
            return false;
        }
        return Arrays.equals(input.readAt(input.position(), identifier.length), identifier);
    }
}
