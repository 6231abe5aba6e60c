package dev.temppic.upload.metadata;

/**
 * Builder of the smallest EXIF block that keeps an image's display orientation: a big-endian TIFF header and one IFD0
 * with the Orientation tag (0x0112) alone. It has no other tag, no sub-IFD (so no GPS) and no thumbnail.
 */
final class MinimalExif {

    private MinimalExif() {
    }

    /** Returns whether the orientation needs a tag, because 1 (or no tag) already means "display as stored". */
    static boolean needed(int orientation) {
        return orientation >= 2 && orientation <= 8;
    }

    /** Returns the TIFF block, as the PNG eXIf and WebP EXIF chunks carry it. */
    static byte[] tiff(int orientation) {
        if (!needed(orientation)) {
            throw new IllegalArgumentException("Orientation must be 2 to 8, but was " + orientation);
        }
        return new byte[] {
            'M', 'M', 0, 42,            // big-endian byte order, TIFF magic number
            0, 0, 0, 8,                 // IFD0 starts right after the header
            0, 1,                       // one entry
            0x01, 0x12, 0, 3,           // tag Orientation, type SHORT
            0, 0, 0, 1,                 // count 1
            0, (byte) orientation, 0, 0, // value, left-justified in the 4-byte field
            0, 0, 0, 0                  // no next IFD, so no thumbnail
        };
    }

    /** Returns the complete JPEG APP1 segment, from its marker to the end of the TIFF block. */
    static byte[] jpegApp1Segment(int orientation) {
        byte[] tiff = tiff(orientation);
        int length = 2 + 6 + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        byte[] identifier = {'E', 'x', 'i', 'f', 0, 0};
        System.arraycopy(identifier, 0, segment, 4, identifier.length);
        System.arraycopy(tiff, 0, segment, 10, tiff.length);
        return segment;
    }
}
