package dev.temppic.e2e.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The marker segments of a JPEG file up to its first start-of-scan, and everything from that scan to the end.
 * Enough to compare two files of the single-scan baseline kind that ImageIO writes.
 */
public record JpegSegments(List<Segment> segments, byte[] scanToEnd) {

    public static final int APP1 = 0xE1;
    public static final int COM = 0xFE;
    private static final int SOS = 0xDA;

    /** One marker segment: the marker code (such as 0xE1 for APP1) and the payload after the length field. */
    public record Segment(int marker, byte[] payload) {

        public boolean isApplicationOrComment() {
            return (marker >= 0xE0 && marker <= 0xEF) || marker == COM;
        }

        public boolean payloadStartsWith(String prefix) {
            byte[] expected = prefix.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            return payload.length >= expected.length
                    && Arrays.equals(Arrays.copyOf(payload, expected.length), expected);
        }
    }

    /**
     * Splits {@code jpeg} into segments.
     *
     * @throws IllegalArgumentException when the file does not start with SOI or a segment is cut short
     */
    public static JpegSegments parse(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("Not a JPEG file: no start-of-image marker");
        }
        List<Segment> segments = new ArrayList<>();
        int position = 2;
        while (position + 4 <= jpeg.length) {
            if ((jpeg[position] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("No marker at byte " + position);
            }
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == SOS) {
                return new JpegSegments(segments, Arrays.copyOfRange(jpeg, position, jpeg.length));
            }
            int length = ((jpeg[position + 2] & 0xFF) << 8) | (jpeg[position + 3] & 0xFF);
            if (length < 2 || position + 2 + length > jpeg.length) {
                throw new IllegalArgumentException("Segment 0xFF" + Integer.toHexString(marker) + " at byte "
                        + position + " has an invalid length " + length);
            }
            segments.add(new Segment(marker, Arrays.copyOfRange(jpeg, position + 4, position + 2 + length)));
            position += 2 + length;
        }
        throw new IllegalArgumentException("No start-of-scan marker");
    }

    /** Returns the segments that are not application data (APP0 to APP15) or comments. */
    public List<Segment> imageSegments() {
        return segments.stream().filter(segment -> !segment.isApplicationOrComment()).toList();
    }

    /**
     * Returns the image segments (tables and frame header) and the scan data as one byte array: the compressed
     * image without its metadata.
     */
    public byte[] compressedImage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Segment segment : imageSegments()) {
            out.write(segment.marker());
            out.writeBytes(segment.payload());
        }
        out.writeBytes(scanToEnd);
        return out.toByteArray();
    }

    public List<Segment> withMarker(int marker) {
        return segments.stream().filter(segment -> segment.marker() == marker).toList();
    }

    /**
     * Returns the tags of IFD0 of an APP1 EXIF payload ({@code "Exif\0\0"} and a TIFF block), and -1 for a
     * following IFD (IFD1, the thumbnail), if one is linked.
     */
    public static List<Integer> exifIfd0Tags(byte[] app1Payload) {
        ByteBuffer tiff = ByteBuffer.wrap(app1Payload, 6, app1Payload.length - 6).slice();
        tiff.order(tiff.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int ifd0 = tiff.getInt(4);
        int entries = tiff.getShort(ifd0) & 0xFFFF;
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            tags.add(tiff.getShort(ifd0 + 2 + i * 12) & 0xFFFF);
        }
        if (tiff.getInt(ifd0 + 2 + entries * 12) != 0) {
            tags.add(-1);
        }
        return tags;
    }

    /** Returns the SHORT value of the Orientation tag (0x0112) in IFD0 of an APP1 EXIF payload, or 0 if absent. */
    public static int exifOrientation(byte[] app1Payload) {
        ByteBuffer tiff = ByteBuffer.wrap(app1Payload, 6, app1Payload.length - 6).slice();
        tiff.order(tiff.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int ifd0 = tiff.getInt(4);
        int entries = tiff.getShort(ifd0) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = ifd0 + 2 + i * 12;
            if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
                return tiff.getShort(entry + 8) & 0xFFFF;
            }
        }
        return 0;
    }
}
