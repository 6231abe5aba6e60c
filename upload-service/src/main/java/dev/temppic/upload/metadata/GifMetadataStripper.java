package dev.temppic.upload.metadata;

import dev.temppic.upload.validation.ImageFileInput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Metadata removal that copies a validated GIF file block by block, keeping the blocks that drawing and animation need
 * and leaving out comments, plain-text extensions and application extensions other than looping and colour profiles.
 */
final class GifMetadataStripper {

    private static final int EXTENSION_INTRODUCER = 0x21;
    private static final int IMAGE_SEPARATOR = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int PLAIN_TEXT_LABEL = 0x01;
    private static final int GRAPHIC_CONTROL_LABEL = 0xF9;
    private static final int APPLICATION_LABEL = 0xFF;
    private static final int APPLICATION_IDENTIFIER_LENGTH = 11;
    /** Application extensions kept: looping (Netscape and its AnimExts twin) and the ICC colour profile. */
    private static final Set<String> KEPT_APPLICATIONS = Set.of("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012");
    /** Introducer, label, block size 4, four data bytes and the block terminator. */
    private static final int GRAPHIC_CONTROL_LENGTH = 8;

    private final ImageFileInput input;
    private final OutputStream out;

    /**
     * Graphic control extension not yet written. It applies to the next image or plain-text block, so it is written
     * with the image, and dropped with a plain-text block so that it cannot attach to a later image.
     */
    private byte[] pendingGraphicControl;

    GifMetadataStripper(ImageFileInput input, OutputStream out) {
        this.input = input;
        this.out = out;
    }

    void strip() throws IOException {
        byte[] header = input.readBytes(13);
        if (header[0] != 'G' || header[1] != 'I' || header[2] != 'F') {
            throw MetadataStripper.notAsInspected("GIF", "no GIF header");
        }
        out.write(header);
        int flags = header[10] & 0xFF;
        if ((flags & 0x80) != 0) {
            input.stream(colourTableSize(flags), out::write);
        }

        while (true) {
            int introducer = input.readU8();
            switch (introducer) {
                case EXTENSION_INTRODUCER -> copyOrDropExtension();
                case IMAGE_SEPARATOR -> copyImage();
                case TRAILER -> {
                    // A graphic control extension that no image follows has no effect, so it is not written.
                    out.write(TRAILER);
                    return;
                }
                default -> throw MetadataStripper.notAsInspected("GIF",
                        String.format("byte 0x%02X where a block should start", introducer));
            }
        }
    }

    private void copyOrDropExtension() throws IOException {
        int label = input.readU8();
        if (label == GRAPHIC_CONTROL_LABEL) {
            flushGraphicControl();
            byte[] body = input.readBytes(GRAPHIC_CONTROL_LENGTH - 2);
            pendingGraphicControl = new byte[GRAPHIC_CONTROL_LENGTH];
            pendingGraphicControl[0] = EXTENSION_INTRODUCER;
            pendingGraphicControl[1] = (byte) GRAPHIC_CONTROL_LABEL;
            System.arraycopy(body, 0, pendingGraphicControl, 2, body.length);
            return;
        }
        if (label == PLAIN_TEXT_LABEL) {
            pendingGraphicControl = null;
            skipSubBlocks();
            return;
        }
        if (label == APPLICATION_LABEL) {
            int blockSize = input.readU8();
            byte[] identifier = input.readBytes(blockSize);
            boolean keptApplication = blockSize == APPLICATION_IDENTIFIER_LENGTH
                    && KEPT_APPLICATIONS.contains(new String(identifier, StandardCharsets.ISO_8859_1));
            if (keptApplication) {
                flushGraphicControl();
                out.write(new byte[] {EXTENSION_INTRODUCER, (byte) APPLICATION_LABEL, (byte) blockSize});
                out.write(identifier);
                copySubBlocks();
            } else {
                skipSubBlocks();
            }
            return;
        }
        // Comment extensions (0xFE) and unknown labels.
        skipSubBlocks();
    }

    private void copyImage() throws IOException {
        flushGraphicControl();
        out.write(IMAGE_SEPARATOR);
        byte[] descriptor = input.readBytes(9);
        out.write(descriptor);
        int flags = descriptor[8] & 0xFF;
        if ((flags & 0x80) != 0) {
            input.stream(colourTableSize(flags), out::write);
        }
        out.write(input.readU8());
        copySubBlocks();
    }

    private void flushGraphicControl() throws IOException {
        if (pendingGraphicControl != null) {
            out.write(pendingGraphicControl);
            pendingGraphicControl = null;
        }
    }

    /** Copies data sub-blocks up to and including the zero-length block terminator. */
    private void copySubBlocks() throws IOException {
        int blockSize;
        while ((blockSize = input.readU8()) != 0) {
            out.write(blockSize);
            input.stream(blockSize, out::write);
        }
        out.write(0);
    }

    private void skipSubBlocks() throws IOException {
        int blockSize;
        while ((blockSize = input.readU8()) != 0) {
            input.skip(blockSize);
        }
    }

    private static int colourTableSize(int flags) {
        return 3 * (1 << ((flags & 0x07) + 1));
    }
}
