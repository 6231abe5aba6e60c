package dev.temppic.upload.validation;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reader of the Orientation tag (0x0112) from IFD0 of an EXIF (TIFF) block, the only EXIF value that changes how
 * viewers display an image. No other tag is read.
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int IFD_ENTRY_SIZE = 12;
    /** Entries read from IFD0 at most, so a forged entry count cannot make the reader allocate much. */
    private static final int MAX_ENTRIES_READ = 4096;
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {
    }

    /**
     * Returns the orientation 1 to 8 stored in the TIFF block at {@code offset} in the file, or {@link #NORMAL} when
     * the block is damaged or has no valid Orientation tag. Only a SHORT tag with count 1 counts, as in the
     * readImageOrientation function of the WebKit and Blink JPEG decoder. A block that starts with
     * {@code "Exif\0\0"}, which some PNG and WebP writers add, is read after that prefix.
     */
    static int read(ImageFileInput input, long offset, long length) throws IOException {
        if (length >= EXIF_PREFIX.length + 8 && startsWithExifPrefix(input, offset)) {
            offset += EXIF_PREFIX.length;
            length -= EXIF_PREFIX.length;
        }
        if (length < 8) {
            return NORMAL;
        }
        byte[] header = input.readAt(offset, 8);
        boolean bigEndian;
        if (header[0] == 'M' && header[1] == 'M') {
            bigEndian = true;
        } else if (header[0] == 'I' && header[1] == 'I') {
            bigEndian = false;
        } else {
            return NORMAL;
        }
        if (unsigned16(header, 2, bigEndian) != 42) {
            return NORMAL;
        }

        long ifdOffset = unsigned32(header, 4, bigEndian);
        if (ifdOffset < 8 || ifdOffset + 2 > length) {
            return NORMAL;
        }
        int declaredEntries = unsigned16(input.readAt(offset + ifdOffset, 2), 0, bigEndian);
        long entriesInBlock = (length - ifdOffset - 2) / IFD_ENTRY_SIZE;
        int entries = (int) Math.min(Math.min(declaredEntries, entriesInBlock), MAX_ENTRIES_READ);
        byte[] table = input.readAt(offset + ifdOffset + 2, entries * IFD_ENTRY_SIZE);

        for (int entry = 0; entry < entries; entry++) {
            int base = entry * IFD_ENTRY_SIZE;
            if (unsigned16(table, base, bigEndian) != ORIENTATION_TAG) {
                continue;
            }
            boolean singleShort = unsigned16(table, base + 2, bigEndian) == TYPE_SHORT
                    && unsigned32(table, base + 4, bigEndian) == 1;
            int value = unsigned16(table, base + 8, bigEndian);
            return singleShort && value >= 1 && value <= 8 ? value : NORMAL;
        }
        return NORMAL;
    }

    private static boolean startsWithExifPrefix(ImageFileInput input, long offset) throws IOException {
        byte[] start = input.readAt(offset, EXIF_PREFIX.length);
        return Arrays.equals(start, EXIF_PREFIX);
    }

    private static int unsigned16(byte[] bytes, int index, boolean bigEndian) {
        int first = bytes[index] & 0xFF;
        int second = bytes[index + 1] & 0xFF;
        return bigEndian ? (first << 8) | second : first | (second << 8);
    }

    private static long unsigned32(byte[] bytes, int index, boolean bigEndian) {
        long high = unsigned16(bytes, bigEndian ? index : index + 2, bigEndian);
        long low = unsigned16(bytes, bigEndian ? index + 2 : index, bigEndian);
        return (high << 16) | low;
    }
}
