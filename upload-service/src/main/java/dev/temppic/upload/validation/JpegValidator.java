package dev.temppic.upload.validation;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Structure check that walks a JPEG file marker by marker (ITU-T T.81, Annex B): every segment length, the tables, one
 * frame header and every scan's entropy-coded data up to the end-of-image marker, after which nothing may follow.
 */
final class JpegValidator {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int DHP = 0xDE;
    private static final int EXP = 0xDF;
    private static final int DHT = 0xC4;
    private static final int DAC = 0xCC;
    private static final int APP1 = 0xE1;
    private static final int COM = 0xFE;
    private static final int TEM = 0x01;
    /** JPEG-LS start of frame (ITU-T T.87). */
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;

    private final ImageFileInput input;
    private final ImageLimits limits;

    /** Position in the walk, worded to complete "The JPEG file ends …" in the detail for a truncated file. */
    private String location = "before its first marker";
    private boolean frameSeen;
    private int width;
    private int height;
    private final Set<Integer> componentIds = new HashSet<>();
    private int scanCount;
    private boolean exifSeen;
    private int orientation = ExifOrientation.NORMAL;

    JpegValidator(ImageFileInput input, ImageLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    InspectedImage validate() throws ImageRejectedException, IOException {
        try {
            walk();
        } catch (EOFException e) {
            throw Rejections.truncated(ImageFormat.JPEG, location);
        }
        return new InspectedImage(ImageFormat.JPEG, width, height, 1, false, orientation);
    }

    private void walk() throws ImageRejectedException, IOException {
        // The sniffer matched the start-of-image marker FF D8, so the walk starts after it.
        input.seek(2);

        int pendingMarker = -1;
        while (true) {
            location = "before its end-of-image marker";
            long markerOffset = input.position();
            int code = pendingMarker >= 0 ? pendingMarker : readMarker();
            pendingMarker = -1;

            if (code == EOI) {
                checkEnd();
                return;
            }
            if (code == SOI) {
                throw Rejections.malformed("The JPEG file contains a second start-of-image marker at byte "
                        + markerOffset + ", so it is two files joined together.");
            }
            if (code >= 0xD0 && code <= 0xD7) {
                throw Rejections.malformed("The JPEG file contains a restart marker outside the image data at byte "
                        + markerOffset + ".");
            }
            if (code == TEM) {
                continue;
            }

            String name = markerName(code);
            location = "inside its " + name + " segment at byte " + markerOffset;
            int length = input.readU16BigEndian();
            if (length < 2) {
                throw Rejections.malformed("The " + name + " segment at byte " + markerOffset
                        + " declares an invalid length of " + length + " bytes.");
            }
            int payloadLength = length - 2;
            if (payloadLength > input.remaining()) {
                throw Rejections.truncated(ImageFormat.JPEG, location);
            }

            if (code == SOS) {
                readScanHeader(input.readBytes(payloadLength), markerOffset);
                scanCount++;
                location = "inside its image data (scan " + scanCount + ")";
                pendingMarker = input.readJpegEntropyCodedData(null);
            } else {
                readSegment(code, name, payloadLength, markerOffset);
            }
        }
    }

    /** Reads one marker, allowing the fill bytes (0xFF) that may precede it, and returns its code. */
    private int readMarker() throws ImageRejectedException, IOException {
        long offset = input.position();
        int first = input.readU8();
        if (first != 0xFF) {
            throw Rejections.malformed(String.format(
                    "The JPEG file has the byte 0x%02X at byte %d where a marker should start.", first, offset));
        }
        int code = input.readU8();
        while (code == 0xFF) {
            code = input.readU8();
        }
        if (code == 0x00) {
            throw Rejections.malformed("The JPEG file has an invalid marker 0xFF00 at byte " + offset + ".");
        }
        return code;
    }

    private void readSegment(int code, String name, int payloadLength, long offset)
            throws ImageRejectedException, IOException {
        if (isStartOfFrame(code)) {
            readFrameHeader(code, input.readBytes(payloadLength), offset);
        } else if (code == DHT) {
            checkHuffmanTables(input.readBytes(payloadLength), offset);
        } else if (code == DQT) {
            checkQuantizationTables(input.readBytes(payloadLength), offset);
        } else if (code == DRI || code == DNL) {
            requireLength(name, payloadLength, 2, offset);
            input.skip(payloadLength);
        } else if (code == APP1) {
            readApp1(payloadLength);
        } else if (code == DAC || (code >= 0xE0 && code <= 0xEF) || code == COM) {
            input.skip(payloadLength);
        } else if (code == DHP || code == EXP) {
            throw Rejections.unsupported("a hierarchical JPEG image, which browsers cannot display");
        } else if (code == SOF55 || code == LSE) {
            throw Rejections.unsupported("a JPEG-LS image, which browsers cannot display");
        } else {
            throw Rejections.malformed(String.format(
                    "The JPEG file contains the unknown marker 0xFF%02X at byte %d.", code, offset));
        }
    }

    private void readApp1(int payloadLength) throws IOException {
        long payloadStart = input.position();
        if (!exifSeen && payloadLength >= 6) {
            byte[] prefix = input.readAt(payloadStart, 6);
            if (prefix[0] == 'E' && prefix[1] == 'x' && prefix[2] == 'i' && prefix[3] == 'f'
                    && prefix[4] == 0 && prefix[5] == 0) {
                exifSeen = true;
                orientation = ExifOrientation.read(input, payloadStart + 6, payloadLength - 6L);
            }
        }
        input.skip(payloadLength);
    }

    private void readFrameHeader(int code, byte[] payload, long offset) throws ImageRejectedException {
        if (frameSeen) {
            throw Rejections.malformed("The JPEG file contains a second frame header (SOF marker) at byte "
                    + offset + ".");
        }
        if (isHierarchical(code)) {
            throw Rejections.unsupported("a hierarchical JPEG image, which browsers cannot display");
        }
        if (payload.length < 6) {
            throw invalidSegment("SOF", offset, "is too short");
        }
        int precision = payload[0] & 0xFF;
        height = u16(payload, 1);
        width = u16(payload, 3);
        int components = payload[5] & 0xFF;

        if (precision < 2 || precision > 16) {
            throw invalidSegment("SOF", offset, "declares an invalid sample precision of " + precision + " bits");
        }
        if (height == 0) {
            throw Rejections.malformed("The JPEG frame header leaves the height to a later DNL marker, which"
                    + " browsers do not support.");
        }
        if (width == 0) {
            throw invalidSegment("SOF", offset, "declares a width of 0");
        }
        if (components < 1 || components > 4 || payload.length != 6 + 3 * components) {
            throw invalidSegment("SOF", offset, "declares " + components + " colour components in "
                    + (payload.length + 2) + " bytes");
        }

        for (int component = 0; component < components; component++) {
            int base = 6 + 3 * component;
            int horizontal = (payload[base + 1] & 0xFF) >> 4;
            int vertical = payload[base + 1] & 0x0F;
            int table = payload[base + 2] & 0xFF;
            if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4 || table > 3) {
                throw invalidSegment("SOF", offset, "has invalid sampling factors or table numbers");
            }
            if (!componentIds.add(payload[base] & 0xFF)) {
                throw invalidSegment("SOF", offset, "declares the same component twice");
            }
        }

        frameSeen = true;
        Rejections.checkPixels("image", width, height, limits);
    }

    private void readScanHeader(byte[] payload, long offset) throws ImageRejectedException {
        if (!frameSeen) {
            throw Rejections.malformed("The JPEG file has image data (SOS segment) at byte " + offset
                    + " before its frame header (SOF segment).");
        }
        int components = payload.length == 0 ? 0 : payload[0] & 0xFF;
        if (components < 1 || components > 4 || payload.length != 1 + 2 * components + 3) {
            throw invalidSegment("SOS", offset, "declares " + components + " components in "
                    + (payload.length + 2) + " bytes");
        }
        for (int component = 0; component < components; component++) {
            if (!componentIds.contains(payload[1 + 2 * component] & 0xFF)) {
                throw invalidSegment("SOS", offset, "refers to a colour component that the frame header lacks");
            }
        }
    }

    private static void checkHuffmanTables(byte[] payload, long offset) throws ImageRejectedException {
        if (payload.length == 0) {
            throw invalidSegment("DHT", offset, "is empty");
        }
        int index = 0;
        while (index < payload.length) {
            int classAndId = payload[index++] & 0xFF;
            if ((classAndId >> 4) > 1 || (classAndId & 0x0F) > 3 || index + 16 > payload.length) {
                throw invalidSegment("DHT", offset, "has an invalid table header");
            }
            int symbols = 0;
            for (int length = 0; length < 16; length++) {
                symbols += payload[index++] & 0xFF;
            }
            if (symbols > 256 || index + symbols > payload.length) {
                throw invalidSegment("DHT", offset, "declares more symbols than it contains");
            }
            index += symbols;
        }
    }

    private static void checkQuantizationTables(byte[] payload, long offset) throws ImageRejectedException {
        if (payload.length == 0) {
            throw invalidSegment("DQT", offset, "is empty");
        }
        int index = 0;
        while (index < payload.length) {
            int precisionAndId = payload[index++] & 0xFF;
            int precision = precisionAndId >> 4;
            int tableSize = 64 * (precision + 1);
            if (precision > 1 || (precisionAndId & 0x0F) > 3 || index + tableSize > payload.length) {
                throw invalidSegment("DQT", offset, "has an invalid or incomplete table");
            }
            index += tableSize;
        }
    }

    private void checkEnd() throws ImageRejectedException, IOException {
        if (!frameSeen) {
            throw Rejections.malformed("The JPEG file has no frame header (SOF segment), so it contains no image.");
        }
        if (scanCount == 0) {
            throw Rejections.malformed("The JPEG file has no image data (SOS segment).");
        }
        // NOTE: this also rejects photos from phones that append Multi-Picture Format images (APP2 "MPF") after
        // EOI. Accepting them would need the MPF index parsed, to tell appended pictures from hidden content.
        if (input.remaining() > 0) {
            throw Rejections.trailingData(ImageFormat.JPEG, "its end-of-image marker", input);
        }
    }

    private static void requireLength(String name, int payloadLength, int expected, long offset)
            throws ImageRejectedException {
        if (payloadLength != expected) {
            throw invalidSegment(name, offset, "has " + payloadLength + " bytes of data instead of " + expected);
        }
    }

    private static ImageRejectedException invalidSegment(String name, long offset, String problem) {
        return Rejections.malformed("The JPEG " + name + " segment at byte " + offset + " " + problem + ".");
    }

    static boolean isStartOfFrame(int code) {
        return code >= 0xC0 && code <= 0xCF && code != DHT && code != 0xC8 && code != DAC;
    }

    private static boolean isHierarchical(int code) {
        return (code >= 0xC5 && code <= 0xC7) || (code >= 0xCD && code <= 0xCF);
    }

    private static String markerName(int code) {
        if (isStartOfFrame(code)) {
            return "SOF" + (code - 0xC0);
        }
        if (code >= 0xE0 && code <= 0xEF) {
            return "APP" + (code - 0xE0);
        }
        return switch (code) {
            case DHT -> "DHT";
            case DAC -> "DAC";
            case SOS -> "SOS";
            case DQT -> "DQT";
            case DNL -> "DNL";
            case DRI -> "DRI";
            case COM -> "COM";
            default -> String.format("0xFF%02X", code);
        };
    }

    private static int u16(byte[] bytes, int index) {
        return ((bytes[index] & 0xFF) << 8) | (bytes[index + 1] & 0xFF);
    }
}
