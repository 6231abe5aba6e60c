package dev.temppic.upload.validation;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Structure check that walks a GIF file block by block (GIF89a specification): the header, the logical screen
 * descriptor, colour tables, every extension and image block with its data sub-blocks, up to the trailer, after which
 * nothing may follow. The LZW image data itself is not decoded.
 */
final class GifValidator {

    private static final int EXTENSION_INTRODUCER = 0x21;
    private static final int IMAGE_SEPARATOR = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int GRAPHIC_CONTROL_LABEL = 0xF9;
    /** Largest LZW minimum code size that browsers decode; codes are at most 12 bits wide. */
    private static final int MAX_LZW_MINIMUM_CODE_SIZE = 11;

    private final ImageFileInput input;
    private final ImageLimits limits;

    /** Position in the walk, worded to complete "The GIF file ends …" in the detail for a truncated file. */
    private String location = "inside its header";
    private int frameCount;

    GifValidator(ImageFileInput input, ImageLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    InspectedImage validate() throws ImageRejectedException, IOException {
        int[] screen;
        try {
            screen = walk();
        } catch (EOFException e) {
            throw Rejections.truncated(ImageFormat.GIF, location);
        }
        return new InspectedImage(ImageFormat.GIF, screen[0], screen[1], frameCount, frameCount > 1,
                ExifOrientation.NORMAL);
    }

    /** Walks the file and returns the logical screen width and height. */
    private int[] walk() throws ImageRejectedException, IOException {
        input.seek(0);
        byte[] header = input.readBytes(6);
        String version = new String(header, 3, 3, StandardCharsets.US_ASCII);
        if (!version.equals("87a") && !version.equals("89a")) {
            throw Rejections.malformed("The file starts like a GIF image, but its version '" + printable(version)
                    + "' is neither 87a nor 89a.");
        }

        location = "inside its logical screen descriptor";
        int screenWidth = input.readU16LittleEndian();
        int screenHeight = input.readU16LittleEndian();
        int flags = input.readU8();
        input.skip(2);
        if (screenWidth == 0 || screenHeight == 0) {
            throw Rejections.malformed("The GIF logical screen is " + screenWidth + " x " + screenHeight
                    + " pixels, but both sides must be at least 1.");
        }
        Rejections.checkPixels("image", screenWidth, screenHeight, limits);
        if ((flags & 0x80) != 0) {
            location = "inside its global colour table";
            input.skip(colourTableSize(flags));
        }

        while (true) {
            location = "before its trailer";
            long blockOffset = input.position();
            int introducer = input.readU8();
            switch (introducer) {
                case EXTENSION_INTRODUCER -> readExtension(blockOffset);
                case IMAGE_SEPARATOR -> readImage(blockOffset);
                case TRAILER -> {
                    if (frameCount == 0) {
                        throw Rejections.malformed("The GIF file contains no image.");
                    }
                    if (input.remaining() > 0) {
                        throw Rejections.trailingData(ImageFormat.GIF, "its trailer", input);
                    }
                    return new int[] {screenWidth, screenHeight};
                }
                default -> throw Rejections.malformed(String.format(
                        "The GIF file has the byte 0x%02X at byte %d where a block should start.",
                        introducer, blockOffset));
            }
        }
    }

    private void readExtension(long offset) throws ImageRejectedException, IOException {
        location = "inside the extension block at byte " + offset;
        int label = input.readU8();
        if (label == GRAPHIC_CONTROL_LABEL) {
            int blockSize = input.readU8();
            if (blockSize != 4) {
                throw Rejections.malformed("The GIF graphic control extension at byte " + offset + " has a block size"
                        + " of " + blockSize + " instead of 4.");
            }
            input.skip(4);
            if (input.readU8() != 0) {
                throw Rejections.malformed("The GIF graphic control extension at byte " + offset
                        + " is not terminated.");
            }
            return;
        }
        skipSubBlocks();
    }

    private void readImage(long offset) throws ImageRejectedException, IOException {
        int frame = frameCount + 1;
        location = "inside frame " + frame + " at byte " + offset;
        input.skip(4);
        int frameWidth = input.readU16LittleEndian();
        int frameHeight = input.readU16LittleEndian();
        int flags = input.readU8();
        if (frameWidth == 0 || frameHeight == 0) {
            throw Rejections.malformed("The GIF frame " + frame + " at byte " + offset + " is " + frameWidth + " x "
                    + frameHeight + " pixels, but both sides must be at least 1.");
        }
        Rejections.checkPixels("frame " + frame, frameWidth, frameHeight, limits);
        if (frame > limits.maxFrames()) {
            throw Rejections.tooManyFrames(limits);
        }
        if ((flags & 0x80) != 0) {
            input.skip(colourTableSize(flags));
        }
        int minimumCodeSize = input.readU8();
        if (minimumCodeSize < 1 || minimumCodeSize > MAX_LZW_MINIMUM_CODE_SIZE) {
            throw Rejections.malformed("The GIF frame " + frame + " declares an invalid LZW code size of "
                    + minimumCodeSize + ".");
        }
        skipSubBlocks();
        frameCount = frame;
    }

    /** Skips data sub-blocks up to and including the zero-length block terminator. */
    private void skipSubBlocks() throws IOException {
        int blockSize;
        while ((blockSize = input.readU8()) != 0) {
            input.skip(blockSize);
        }
    }

    /** Returns the size in bytes of the colour table that the packed flags byte declares. */
    static int colourTableSize(int flags) {
        return 3 * (1 << ((flags & 0x07) + 1));
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
