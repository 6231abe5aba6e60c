package dev.temppic.e2e.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Generated test images, with metadata that the upload must remove, and helpers to decode them. */
public final class TestImages {

    /** Camera make written into the EXIF block of {@link #jpegWithExifGps}. */
    public static final String EXIF_MAKE = "E2E-PRIVATE-CAMERA-MAKE";
    /** Text of the JPEG comment segment of {@link #jpegWithExifGps}. */
    public static final String JPEG_COMMENT = "e2e-private-jpeg-comment";
    /** Text inside the XMP packet of {@link #jpegWithExifGps}. */
    public static final String XMP_TEXT = "e2e-private-xmp-creator";
    /** Text of the PNG tEXt chunk of {@link #pngWithTextChunk}. */
    public static final String PNG_TEXT = "e2e-private-png-comment";
    /** EXIF orientation of {@link #jpegWithExifGps}: rotate 90 degrees clockwise to display. */
    public static final int JPEG_ORIENTATION = 6;

    private TestImages() {
    }

    /** Returns an ARGB image with a colour gradient and a half-transparent band, so every pixel differs. */
    public static BufferedImage argbPattern(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = y < height / 4 ? 128 : 255;
                int red = (x * 255) / Math.max(1, width - 1);
                int green = (y * 255) / Math.max(1, height - 1);
                int blue = (x * 7 + y * 13) & 0xFF;
                image.setRGB(x, y, (alpha << 24) | (red << 16) | (green << 8) | blue);
            }
        }
        return image;
    }

    /** Returns {@code image} as a PNG with a tEXt chunk ("Comment", {@link #PNG_TEXT}) right after IHDR. */
    public static byte[] pngWithTextChunk(BufferedImage image) {
        byte[] png = encode(image, "png");
        // Signature (8 bytes), then IHDR: length (4), type (4), 13 data bytes and CRC (4).
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        byte[] chunk = pngChunk("tEXt", ("Comment\0" + PNG_TEXT).getBytes(StandardCharsets.ISO_8859_1));
        return concat(slice(png, 0, afterHeader), chunk, slice(png, afterHeader, png.length));
    }

    /**
     * Returns a baseline JPEG of {@code width} x {@code height} stored pixels with, after its JFIF segment, an EXIF
     * block (camera make, orientation {@link #JPEG_ORIENTATION} and GPS position), an XMP packet and a comment.
     */
    public static byte[] jpegWithExifGps(int width, int height) {
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        BufferedImage pattern = argbPattern(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb.setRGB(x, y, pattern.getRGB(x, y) & 0xFFFFFF);
            }
        }
        byte[] jpeg = encode(rgb, "jpeg");
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            throw new IllegalStateException("ImageIO wrote no APP0 JFIF segment after SOI");
        }
        int afterJfif = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));

        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifTiffWithGps());
        byte[] xmp = concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                        + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"" + XMP_TEXT
                        + "\"/></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        return concat(slice(jpeg, 0, afterJfif),
                jpegSegment(0xE1, exif),
                jpegSegment(0xE1, xmp),
                jpegSegment(0xFE, JPEG_COMMENT.getBytes(StandardCharsets.ISO_8859_1)),
                slice(jpeg, afterJfif, jpeg.length));
    }

    /** Returns an SVG document with a script, which must never be accepted as an image. */
    public static byte[] svg() {
        return ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\">"
                + "<script>alert(document.domain)</script><rect width=\"64\" height=\"48\" fill=\"red\"/></svg>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes image bytes with ImageIO, failing when no reader accepts them. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("No ImageIO reader can decode these " + bytes.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to decode " + bytes.length + " bytes", e);
        }
    }

    /** Returns the ARGB value of every pixel, row by row. */
    public static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Returns whether {@code haystack} contains {@code needle} as consecutive bytes. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Builds a little-endian TIFF block: IFD0 with Make, Orientation and a GPSInfo pointer, and a GPS IFD with
     * version, latitude 52° 31' 12.34" N and longitude 13° 24' 56.78" E.
     */
    private static byte[] exifTiffWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        byte[] make = (EXIF_MAKE + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int ifd0 = 8;
        int ifd0Entries = 3;
        int makeOffset = ifd0 + 2 + ifd0Entries * 12 + 4;
        int gpsIfd = makeOffset + make.length + (make.length % 2);
        int gpsEntries = 5;
        int latitudeOffset = gpsIfd + 2 + gpsEntries * 12 + 4;
        int longitudeOffset = latitudeOffset + 24;

        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) ifd0Entries);
        entry(tiff, 0x010F, 2, make.length, makeOffset);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) JPEG_ORIENTATION)
                .putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, gpsIfd);
        tiff.putInt(0);
        tiff.put(make);
        if (make.length % 2 != 0) {
            tiff.put((byte) 0);
        }

        tiff.putShort((short) gpsEntries);
        tiff.putShort((short) 0x0000).putShort((short) 1).putInt(4).put(new byte[] {2, 2, 0, 0});
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        entry(tiff, 0x0002, 5, 3, latitudeOffset);
        tiff.putShort((short) 0x0003).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        entry(tiff, 0x0004, 5, 3, longitudeOffset);
        tiff.putInt(0);
        rationals(tiff, 52, 1, 31, 1, 1234, 100);
        rationals(tiff, 13, 1, 24, 1, 5678, 100);

        byte[] bytes = new byte[tiff.position()];
        tiff.flip().get(bytes);
        return bytes;
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int valueOrOffset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    private static void rationals(ByteBuffer tiff, int... numeratorsAndDenominators) {
        for (int value : numeratorsAndDenominators) {
            tiff.putInt(value);
        }
    }

    private static byte[] jpegSegment(int marker, byte[] payload) {
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return chunk.array();
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
