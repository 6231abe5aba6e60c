package dev.temppic.upload.validation;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Structure check that walks a PNG file chunk by chunk, following the PNG specification (third edition). It checks the
 * signature, IHDR first with valid fields, every chunk's CRC, PLTE where the colour type needs it, and IEND last with
 * nothing after it. The IDAT chunks must be consecutive, and their zlib stream must inflate to the declared size. For
 * APNG it checks the acTL, fcTL and fdAT chunks: sequence numbers, frame regions and the frame count.
 */
final class PngValidator {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private static final long MAX_CHUNK_LENGTH = 0x7FFF_FFFFL;

    private enum ImageDataState { NOT_STARTED, IN_PROGRESS, DONE }

    private final ImageFileInput input;
    private final ImageLimits limits;

    /** Position in the walk, worded to complete "The PNG file ends …" in the detail for a truncated file. */
    private String location = "inside its signature";

    private boolean headerSeen;
    private long width;
    private long height;
    private int bitDepth;
    private int colourType;
    private boolean interlaced;
    private boolean paletteSeen;
    private boolean exifSeen;
    private int orientation = ExifOrientation.NORMAL;

    private ImageDataState imageDataState = ImageDataState.NOT_STARTED;
    private PngImageDataChecker imageDataChecker;

    private boolean animationControlSeen;
    private long declaredFrames;
    private long nextSequenceNumber;
    private int frameControlCount;
    private boolean currentFrameUsesImageData;
    private boolean currentFrameHasData;
    private PngImageDataChecker frameChecker;

    PngValidator(ImageFileInput input, ImageLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    InspectedImage validate() throws ImageRejectedException, IOException {
        try {
            walk();
        } catch (EOFException e) {
            throw Rejections.truncated(ImageFormat.PNG, location);
        } finally {
            closeCheckers();
        }
        int frames = animationControlSeen ? (int) declaredFrames : 1;
        return new InspectedImage(ImageFormat.PNG, (int) width, (int) height, frames, frames > 1, orientation);
    }

    private void walk() throws ImageRejectedException, IOException {
        input.seek(0);
        if (!Arrays.equals(input.readBytes(SIGNATURE.length), SIGNATURE)) {
            throw Rejections.malformed("The file starts like a PNG image, but its 8-byte signature is damaged,"
                    + " which happens when a PNG file is transferred as text.");
        }

        location = "before its IHDR chunk";
        while (true) {
            long chunkOffset = input.position();
            if (input.remaining() == 0) {
                throw Rejections.truncated(ImageFormat.PNG, "before its IEND chunk");
            }
            location = "inside the chunk header at byte " + chunkOffset;
            long length = input.readU32BigEndian();
            byte[] typeBytes = input.readBytes(4);
            String type = chunkType(typeBytes, chunkOffset);
            if (length > MAX_CHUNK_LENGTH) {
                throw Rejections.malformed("The PNG " + type + " chunk at byte " + chunkOffset
                        + " declares an invalid length of " + length + " bytes.");
            }
            location = "inside its " + type + " chunk at byte " + chunkOffset;
            if (length + 4 > input.remaining()) {
                throw Rejections.truncated(ImageFormat.PNG, location);
            }
            if (!headerSeen && !type.equals("IHDR")) {
                if (type.equals("CgBI")) {
                    throw Rejections.unsupported("an Apple-optimized PNG (CgBI chunk), which only Apple software"
                            + " can display");
                }
                throw Rejections.malformed("The PNG file starts with a " + type + " chunk instead of IHDR.");
            }
            if (imageDataState == ImageDataState.IN_PROGRESS && !type.equals("IDAT")) {
                // The stream is checked for completeness at IEND, so that a later IDAT chunk is reported as
                // misplaced rather than as an incomplete stream.
                imageDataState = ImageDataState.DONE;
            }

            readChunk(type, typeBytes, length, chunkOffset);
            if (type.equals("IEND")) {
                checkEnd();
                return;
            }
            location = "before its IEND chunk";
        }
    }

    private void readChunk(String type, byte[] typeBytes, long length, long offset)
            throws ImageRejectedException, IOException {
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        switch (type) {
            case "IHDR" -> {
                requireLength(type, length, 13, offset);
                byte[] data = readData(crc, length);
                checkCrc(type, crc, offset);
                readHeader(data);
            }
            case "PLTE" -> {
                checkPalettePlacement(length, offset);
                readData(crc, length);
                checkCrc(type, crc, offset);
                paletteSeen = true;
            }
            case "IDAT" -> {
                startImageData(offset);
                input.stream(length, (bytes, start, count) -> {
                    crc.update(bytes, start, count);
                    imageDataChecker.accept(bytes, start, count);
                });
                checkCrc(type, crc, offset);
                throwIfFailed(imageDataChecker);
            }
            case "IEND" -> {
                requireLength(type, length, 0, offset);
                checkCrc(type, crc, offset);
                if (imageDataState == ImageDataState.NOT_STARTED) {
                    throw Rejections.malformed("The PNG file has no image data (IDAT chunk).");
                }
            }
            case "acTL" -> {
                requireLength(type, length, 8, offset);
                byte[] data = readData(crc, length);
                checkCrc(type, crc, offset);
                readAnimationControl(data, offset);
            }
            case "fcTL" -> {
                requireLength(type, length, 26, offset);
                byte[] data = readData(crc, length);
                checkCrc(type, crc, offset);
                readFrameControl(data, offset);
            }
            case "fdAT" -> {
                if (length < 4) {
                    throw invalidChunk(type, offset, "is shorter than its 4-byte sequence number");
                }
                byte[] sequence = readData(crc, 4);
                startFrameData(sequence, offset);
                input.stream(length - 4, (bytes, start, count) -> {
                    crc.update(bytes, start, count);
                    frameChecker.accept(bytes, start, count);
                });
                checkCrc(type, crc, offset);
                throwIfFailed(frameChecker);
            }
            default -> {
                if (Character.isUpperCase(type.charAt(0))) {
                    throw Rejections.malformed("The PNG file contains the critical chunk " + type
                            + ", which browsers do not know, so they cannot display it.");
                }
                if (type.equals("eXIf") && !exifSeen) {
                    exifSeen = true;
                    orientation = ExifOrientation.read(input, input.position(), length);
                }
                input.stream(length, crc::update);
                checkCrc(type, crc, offset);
            }
        }
    }

    private void readHeader(byte[] data) throws ImageRejectedException {
        if (headerSeen) {
            throw Rejections.malformed("The PNG file contains a second IHDR chunk.");
        }
        headerSeen = true;
        width = u32(data, 0);
        height = u32(data, 4);
        bitDepth = data[8] & 0xFF;
        colourType = data[9] & 0xFF;
        int compression = data[10] & 0xFF;
        int filter = data[11] & 0xFF;
        int interlace = data[12] & 0xFF;
        if (width == 0 || height == 0 || width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) {
            throw Rejections.malformed("The PNG header (IHDR) declares an invalid size of " + width + " x " + height
                    + " pixels.");
        }
        if (!validBitDepth(colourType, bitDepth)) {
            throw Rejections.malformed("The PNG header (IHDR) declares colour type " + colourType + " with bit depth "
                    + bitDepth + ", a combination that PNG does not allow.");
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw Rejections.malformed("The PNG header (IHDR) declares an unknown compression, filter or interlace"
                    + " method.");
        }
        interlaced = interlace == 1;
        Rejections.checkPixels("image", width, height, limits);
    }

    private void checkPalettePlacement(long length, long offset) throws ImageRejectedException {
        if (paletteSeen) {
            throw Rejections.malformed("The PNG file contains a second PLTE chunk at byte " + offset + ".");
        }
        if (imageDataState != ImageDataState.NOT_STARTED) {
            throw Rejections.malformed("The PNG palette (PLTE chunk) at byte " + offset + " comes after the image"
                    + " data.");
        }
        if (colourType == 0 || colourType == 4) {
            throw Rejections.malformed("The PNG file is greyscale but contains a palette (PLTE chunk).");
        }
        if (length == 0 || length % 3 != 0 || length > 3 * 256) {
            throw invalidChunk("PLTE", offset, "has a length of " + length + " bytes, which is not 1 to 256 colours");
        }
    }

    private void startImageData(long offset) throws ImageRejectedException {
        if (imageDataState == ImageDataState.DONE) {
            throw Rejections.malformed("The PNG IDAT chunk at byte " + offset + " is separated from the earlier IDAT"
                    + " chunks, but they must be consecutive.");
        }
        if (imageDataState == ImageDataState.NOT_STARTED) {
            if (colourType == 3 && !paletteSeen) {
                throw Rejections.malformed("The PNG file uses a palette but has no PLTE chunk before its image data.");
            }
            imageDataState = ImageDataState.IN_PROGRESS;
            imageDataChecker = new PngImageDataChecker("image data", width, height, bitsPerPixel(), interlaced);
            if (frameControlCount == 1 && !currentFrameHasData) {
                currentFrameUsesImageData = true;
                currentFrameHasData = true;
            }
        }
    }

    private void finishImageData() throws ImageRejectedException {
        String problem = imageDataChecker.finish();
        if (problem != null) {
            throw Rejections.malformed(problem);
        }
    }

    private void readAnimationControl(byte[] data, long offset) throws ImageRejectedException {
        if (animationControlSeen) {
            throw Rejections.malformed("The PNG file contains a second animation control (acTL) chunk at byte "
                    + offset + ".");
        }
        if (imageDataState != ImageDataState.NOT_STARTED) {
            throw Rejections.malformed("The APNG animation control (acTL) chunk at byte " + offset
                    + " comes after the image data, but it must come before.");
        }
        animationControlSeen = true;
        declaredFrames = u32(data, 0);
        if (declaredFrames == 0) {
            throw invalidChunk("acTL", offset, "declares 0 frames");
        }
        if (declaredFrames > limits.maxFrames()) {
            throw Rejections.tooManyFrames(declaredFrames, limits);
        }
    }

    private void readFrameControl(byte[] data, long offset) throws ImageRejectedException {
        if (!animationControlSeen) {
            throw Rejections.malformed("The PNG file contains an APNG frame control (fcTL) chunk at byte " + offset
                    + " but no animation control (acTL) chunk before it.");
        }
        checkSequenceNumber(u32(data, 0), "fcTL", offset);
        finishFrame();
        frameControlCount++;
        if (frameControlCount > declaredFrames) {
            throw Rejections.malformed("The APNG file contains more frames than the " + declaredFrames
                    + " that its acTL chunk declares.");
        }

        long frameWidth = u32(data, 4);
        long frameHeight = u32(data, 8);
        long left = u32(data, 12);
        long top = u32(data, 16);
        int disposeOp = data[24] & 0xFF;
        int blendOp = data[25] & 0xFF;
        String frame = "frame " + frameControlCount;
        if (frameWidth == 0 || frameHeight == 0 || left + frameWidth > width || top + frameHeight > height) {
            throw Rejections.malformed("The APNG " + frame + " (" + frameWidth + " x " + frameHeight + " at "
                    + left + "," + top + ") does not fit in the " + width + " x " + height + " image.");
        }
        if (disposeOp > 2 || blendOp > 1) {
            throw invalidChunk("fcTL", offset, "declares an unknown dispose or blend operation");
        }

        currentFrameHasData = false;
        currentFrameUsesImageData = false;
        if (imageDataState == ImageDataState.NOT_STARTED) {
            if (left != 0 || top != 0 || frameWidth != width || frameHeight != height) {
                throw Rejections.malformed("The first APNG frame uses the IDAT image data, so it must cover the whole"
                        + " image, but it is " + frameWidth + " x " + frameHeight + " at " + left + "," + top + ".");
            }
        } else {
            frameChecker = new PngImageDataChecker(frame, frameWidth, frameHeight, bitsPerPixel(), interlaced);
        }
    }

    private void startFrameData(byte[] sequence, long offset) throws ImageRejectedException {
        if (!animationControlSeen) {
            throw Rejections.malformed("The PNG file contains an APNG frame data (fdAT) chunk at byte " + offset
                    + " but no animation control (acTL) chunk.");
        }
        checkSequenceNumber(u32(sequence, 0), "fdAT", offset);
        if (frameChecker == null) {
            throw Rejections.malformed("The APNG frame data (fdAT) chunk at byte " + offset
                    + " does not follow a frame control (fcTL) chunk of its own.");
        }
        currentFrameHasData = true;
    }

    /** Ends the current APNG frame when its fdAT chunks are complete. */
    private void finishFrame() throws ImageRejectedException {
        if (frameControlCount > 0 && !currentFrameHasData) {
            throw Rejections.malformed("The APNG frame " + frameControlCount + " has no image data.");
        }
        if (frameChecker != null) {
            String problem = frameChecker.finish();
            frameChecker.close();
            frameChecker = null;
            if (problem != null) {
                throw Rejections.malformed(problem);
            }
        }
    }

    private void checkSequenceNumber(long sequenceNumber, String type, long offset) throws ImageRejectedException {
        if (sequenceNumber != nextSequenceNumber) {
            throw Rejections.malformed("The APNG " + type + " chunk at byte " + offset + " has sequence number "
                    + sequenceNumber + " where " + nextSequenceNumber + " was expected, so frames are missing or out"
                    + " of order.");
        }
        nextSequenceNumber++;
    }

    private void checkEnd() throws ImageRejectedException, IOException {
        finishImageData();
        if (animationControlSeen) {
            finishFrame();
            if (frameControlCount != declaredFrames) {
                throw Rejections.malformed("The APNG acTL chunk declares " + declaredFrames + " frames, but the file"
                        + " contains " + frameControlCount + ".");
            }
        }
        if (input.remaining() > 0) {
            throw Rejections.trailingData(ImageFormat.PNG, "its IEND chunk", input);
        }
    }

    private byte[] readData(CRC32 crc, long length) throws IOException {
        byte[] data = input.readBytes((int) length);
        crc.update(data);
        return data;
    }

    private void checkCrc(String type, CRC32 crc, long offset) throws ImageRejectedException, IOException {
        long stored = input.readU32BigEndian();
        if (stored != crc.getValue()) {
            throw Rejections.malformed("The PNG " + type + " chunk at byte " + offset + " has a wrong CRC checksum,"
                    + " so the file is damaged.");
        }
    }

    private static void throwIfFailed(PngImageDataChecker checker) throws ImageRejectedException {
        if (checker.failure() != null) {
            throw Rejections.malformed(checker.failure());
        }
    }

    private void closeCheckers() {
        if (imageDataChecker != null) {
            imageDataChecker.close();
        }
        if (frameChecker != null) {
            frameChecker.close();
        }
    }

    private static String chunkType(byte[] typeBytes, long offset) throws ImageRejectedException {
        for (byte value : typeBytes) {
            boolean letter = (value >= 'A' && value <= 'Z') || (value >= 'a' && value <= 'z');
            if (!letter) {
                throw Rejections.malformed("The PNG file has an invalid chunk type at byte " + offset
                        + ", so its chunk structure is damaged.");
            }
        }
        return new String(typeBytes, StandardCharsets.US_ASCII);
    }

    private static void requireLength(String type, long length, long expected, long offset)
            throws ImageRejectedException {
        if (length != expected) {
            throw invalidChunk(type, offset, "has " + length + " bytes of data instead of " + expected);
        }
    }

    private static ImageRejectedException invalidChunk(String type, long offset, String problem) {
        return Rejections.malformed("The PNG " + type + " chunk at byte " + offset + " " + problem + ".");
    }

    private int bitsPerPixel() {
        int channels = switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        return channels * bitDepth;
    }

    private static boolean validBitDepth(int colourType, int bitDepth) {
        return switch (colourType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    private static long u32(byte[] bytes, int index) {
        return ((long) (bytes[index] & 0xFF) << 24) | ((bytes[index + 1] & 0xFF) << 16)
                | ((bytes[index + 2] & 0xFF) << 8) | (bytes[index + 3] & 0xFF);
    }
}
