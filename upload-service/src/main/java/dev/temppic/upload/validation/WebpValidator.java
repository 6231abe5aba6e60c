package dev.temppic.upload.validation;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Structure check that walks a WebP file, a RIFF container as specified in RFC 9649. It checks the RIFF size against
 * the file size, every chunk size and the VP8 and VP8L bitstream headers with the dimensions. For the extended format
 * it also checks the VP8X canvas and the ALPH, ANIM and ANMF chunks. The compressed bitstreams themselves are not
 * decoded.
 */
final class WebpValidator {

    /** VP8X flag bit that marks an animation. The stripper rewrites the other flags. */
    private static final int FLAG_ANIMATION = 0x02;
    private static final int CHUNK_HEADER_SIZE = 8;
    private static final int ANMF_HEADER_SIZE = 16;
    private static final int VP8X_PAYLOAD_SIZE = 10;
    /** The canvas width × height must fit in 32 bits (RFC 9649, section 2.7). */
    private static final long MAX_CANVAS_PIXELS = 0xFFFF_FFFFL;

    /** One chunk header with the offsets of its payload and of the next chunk (after the padding byte). */
    record Chunk(String fourCc, long offset, long size, long payloadOffset, long nextOffset) {
    }

    private final ImageFileInput input;
    private final ImageLimits limits;

    /** Position in the walk, worded to complete "The WebP file ends …" in the detail for a truncated file. */
    private String location = "inside its RIFF header";
    private long canvasWidth;
    private long canvasHeight;
    private int frameCount;
    private boolean exifSeen;
    private int orientation = ExifOrientation.NORMAL;

    WebpValidator(ImageFileInput input, ImageLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    InspectedImage validate() throws ImageRejectedException, IOException {
        boolean animated;
        try {
            animated = walk();
        } catch (EOFException e) {
            throw Rejections.truncated(ImageFormat.WEBP, location);
        }
        int frames = animated ? frameCount : 1;
        return new InspectedImage(ImageFormat.WEBP, (int) canvasWidth, (int) canvasHeight, frames, frames > 1,
                orientation);
    }

    /** Walks the file and returns whether it is an animation. */
    private boolean walk() throws ImageRejectedException, IOException {
        input.seek(4);
        long riffSize = input.readU32LittleEndian();
        input.skip(4);
        long riffEnd = CHUNK_HEADER_SIZE + riffSize;
        if (riffSize < 4 + CHUNK_HEADER_SIZE) {
            throw Rejections.malformed("The WebP RIFF header declares a size of " + riffSize
                    + " bytes, too small for any image.");
        }
        if (input.size() < riffEnd) {
            throw Rejections.truncated(ImageFormat.WEBP, "after " + input.size() + " bytes, but its RIFF header"
                    + " declares " + riffEnd + " bytes");
        }

        Chunk first = readChunkHeader(riffEnd, "the RIFF container");
        boolean animated = false;
        switch (first.fourCc()) {
            case "VP8 ", "VP8L" -> {
                long[] size = readBitstreamSize(first);
                canvasWidth = size[0];
                canvasHeight = size[1];
                Rejections.checkPixels("image", canvasWidth, canvasHeight, limits);
                if (first.nextOffset() != riffEnd) {
                    throw Rejections.malformed("The simple WebP file contains more chunks after its "
                            + first.fourCc().strip() + " image data, but the simple format allows only one.");
                }
            }
            case "VP8X" -> animated = readExtended(first, riffEnd);
            default -> throw Rejections.malformed("The WebP file starts with a '" + printable(first.fourCc())
                    + "' chunk instead of VP8, VP8L or VP8X.");
        }

        input.seek(riffEnd);
        if (input.remaining() > 0) {
            throw Rejections.trailingData(ImageFormat.WEBP, "the end of its RIFF container", input);
        }
        return animated;
    }

    private boolean readExtended(Chunk header, long riffEnd) throws ImageRejectedException, IOException {
        if (header.size() != VP8X_PAYLOAD_SIZE) {
            throw invalidChunk(header, "has " + header.size() + " bytes of data instead of " + VP8X_PAYLOAD_SIZE);
        }
        input.seek(header.payloadOffset());
        int flags = input.readU8();
        input.skip(3);
        canvasWidth = 1 + (long) input.readU24LittleEndian();
        canvasHeight = 1 + (long) input.readU24LittleEndian();
        if (canvasWidth * canvasHeight > MAX_CANVAS_PIXELS) {
            throw Rejections.malformed("The WebP canvas of " + canvasWidth + " x " + canvasHeight
                    + " pixels exceeds the format's limit of 2^32 - 1 pixels.");
        }
        Rejections.checkPixels("canvas", canvasWidth, canvasHeight, limits);

        boolean animation = (flags & FLAG_ANIMATION) != 0;
        boolean iccSeen = false;
        boolean animationHeaderSeen = false;
        FrameContent still = new FrameContent("image");
        long offset = header.nextOffset();
        while (offset < riffEnd) {
            input.seek(offset);
            Chunk chunk = readChunkHeader(riffEnd, "the RIFF container");
            switch (chunk.fourCc()) {
                case "ICCP" -> {
                    if (iccSeen) {
                        throw invalidChunk(chunk, "is the second colour profile in the file");
                    }
                    iccSeen = true;
                }
                case "ANIM" -> {
                    if (!animation) {
                        throw invalidChunk(chunk, "is present, but the VP8X header does not declare an animation");
                    }
                    if (chunk.size() != 6) {
                        throw invalidChunk(chunk, "has " + chunk.size() + " bytes of data instead of 6");
                    }
                    animationHeaderSeen = true;
                }
                case "ANMF" -> {
                    if (!animation || !animationHeaderSeen) {
                        throw invalidChunk(chunk, "is an animation frame, but the VP8X header declares no animation"
                                + " or no ANIM chunk comes before it");
                    }
                    readFrame(chunk);
                }
                case "ALPH", "VP8 ", "VP8L" -> {
                    if (animation) {
                        throw invalidChunk(chunk, "is image data outside the frames of an animation");
                    }
                    still.add(chunk);
                }
                case "EXIF" -> {
                    if (!exifSeen) {
                        exifSeen = true;
                        orientation = ExifOrientation.read(input, chunk.payloadOffset(), chunk.size());
                    }
                }
                default -> {
                    // XMP and unknown chunks carry nothing that rendering needs. The stripper drops them.
                }
            }
            offset = chunk.nextOffset();
        }

        if (animation) {
            if (!animationHeaderSeen || frameCount == 0) {
                throw Rejections.malformed("The WebP file declares an animation but contains no ANIM chunk or no"
                        + " frames.");
            }
            return true;
        }
        still.finish(canvasWidth, canvasHeight);
        return false;
    }

    private void readFrame(Chunk chunk) throws ImageRejectedException, IOException {
        int frame = frameCount + 1;
        location = "inside frame " + frame + " at byte " + chunk.offset();
        if (frame > limits.maxFrames()) {
            throw Rejections.tooManyFrames(limits);
        }
        if (chunk.size() < ANMF_HEADER_SIZE) {
            throw invalidChunk(chunk, "is shorter than the 16-byte frame header");
        }
        input.seek(chunk.payloadOffset());
        long left = 2L * input.readU24LittleEndian();
        long top = 2L * input.readU24LittleEndian();
        long frameWidth = 1 + (long) input.readU24LittleEndian();
        long frameHeight = 1 + (long) input.readU24LittleEndian();
        if (left + frameWidth > canvasWidth || top + frameHeight > canvasHeight) {
            throw Rejections.malformed("The WebP frame " + frame + " (" + frameWidth + " x " + frameHeight + " at "
                    + left + "," + top + ") does not fit in the " + canvasWidth + " x " + canvasHeight + " canvas.");
        }

        FrameContent content = new FrameContent("frame " + frame);
        long frameEnd = chunk.payloadOffset() + chunk.size();
        long offset = chunk.payloadOffset() + ANMF_HEADER_SIZE;
        while (offset < frameEnd) {
            input.seek(offset);
            Chunk inner = readChunkHeader(frameEnd, "frame " + frame);
            if (inner.fourCc().equals("ALPH") || inner.fourCc().startsWith("VP8")) {
                content.add(inner);
            }
            offset = inner.nextOffset();
        }
        content.finish(frameWidth, frameHeight);
        frameCount = frame;
    }

    /** Reads a chunk header at the position and checks that the chunk, with its padding byte, ends by {@code end}. */
    private Chunk readChunkHeader(long end, String container) throws ImageRejectedException, IOException {
        long offset = input.position();
        if (end - offset < CHUNK_HEADER_SIZE) {
            throw Rejections.malformed("The WebP file has " + (end - offset) + " stray bytes at byte " + offset
                    + ", too few for a chunk header, at the end of " + container + ".");
        }
        String fourCc = new String(input.readBytes(4), StandardCharsets.ISO_8859_1);
        long size = input.readU32LittleEndian();
        long payloadOffset = input.position();
        long nextOffset = payloadOffset + size + (size & 1);
        Chunk chunk = new Chunk(fourCc, offset, size, payloadOffset, nextOffset);
        location = "inside its " + printable(fourCc).strip() + " chunk at byte " + offset;
        if (nextOffset > end) {
            throw invalidChunk(chunk, "declares " + size + " bytes, which run past the end of " + container);
        }
        return chunk;
    }

    /** Reads the width and height from the header of a VP8 (lossy) or VP8L (lossless) bitstream chunk. */
    private long[] readBitstreamSize(Chunk chunk) throws ImageRejectedException, IOException {
        input.seek(chunk.payloadOffset());
        if (chunk.fourCc().equals("VP8L")) {
            if (chunk.size() < 5 || input.readU8() != 0x2F) {
                throw invalidChunk(chunk, "does not start with the VP8L signature");
            }
            long bits = input.readU32LittleEndian();
            if ((bits >>> 29) != 0) {
                throw invalidChunk(chunk, "declares an unknown VP8L version " + (bits >>> 29));
            }
            return new long[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
        }

        if (chunk.size() < 10) {
            throw invalidChunk(chunk, "is too short for a VP8 frame header");
        }
        int frameTag = input.readU24LittleEndian();
        boolean keyFrame = (frameTag & 1) == 0;
        int version = (frameTag >> 1) & 7;
        boolean showFrame = ((frameTag >> 4) & 1) == 1;
        long firstPartitionSize = frameTag >>> 5;
        if (!keyFrame || !showFrame || version > 3) {
            throw invalidChunk(chunk, "is not a visible VP8 key frame of version 0 to 3");
        }
        if (input.readU8() != 0x9D || input.readU8() != 0x01 || input.readU8() != 0x2A) {
            throw invalidChunk(chunk, "lacks the VP8 start code");
        }
        long width = input.readU16LittleEndian() & 0x3FFF;
        long height = input.readU16LittleEndian() & 0x3FFF;
        if (width == 0 || height == 0) {
            throw invalidChunk(chunk, "declares a size of " + width + " x " + height + " pixels");
        }
        if (firstPartitionSize > chunk.size() - 10) {
            throw invalidChunk(chunk, "declares a first partition larger than the chunk");
        }
        return new long[] {width, height};
    }

    private static ImageRejectedException invalidChunk(Chunk chunk, String problem) {
        return Rejections.malformed("The WebP " + printable(chunk.fourCc()).strip() + " chunk at byte "
                + chunk.offset() + " " + problem + ".");
    }

    private static String printable(String fourCc) {
        return fourCc.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The optional ALPH chunk and the one VP8 or VP8L chunk of a still image or an animation frame. */
    private final class FrameContent {
        private final String subject;
        private Chunk alpha;
        private Chunk bitstream;

        FrameContent(String subject) {
            this.subject = subject;
        }

        void add(Chunk chunk) throws ImageRejectedException {
            if (bitstream != null) {
                throw invalidChunk(chunk, "follows the image data of the " + subject + ", which may have only one"
                        + " bitstream");
            }
            if (chunk.fourCc().equals("ALPH")) {
                if (alpha != null) {
                    throw invalidChunk(chunk, "is the second alpha chunk of the " + subject);
                }
                alpha = chunk;
            } else {
                bitstream = chunk;
            }
        }

        /** Checks that a bitstream is present and matches the expected size, and that ALPH goes with VP8. */
        void finish(long expectedWidth, long expectedHeight) throws ImageRejectedException, IOException {
            if (bitstream == null) {
                throw Rejections.malformed("The WebP " + subject + " has no VP8 or VP8L image data.");
            }
            long[] size = readBitstreamSize(bitstream);
            if (size[0] != expectedWidth || size[1] != expectedHeight) {
                throw Rejections.malformed("The WebP " + subject + " has image data of " + size[0] + " x " + size[1]
                        + " pixels, but its header declares " + expectedWidth + " x " + expectedHeight + ".");
            }
            if (alpha != null) {
                if (!bitstream.fourCc().equals("VP8 ")) {
                    throw invalidChunk(alpha, "goes with lossless VP8L image data, which carries its own alpha");
                }
                checkAlpha(expectedWidth * expectedHeight);
            }
        }

        private void checkAlpha(long pixels) throws ImageRejectedException, IOException {
            if (alpha.size() < 1) {
                throw invalidChunk(alpha, "is empty");
            }
            input.seek(alpha.payloadOffset());
            int header = input.readU8();
            int compression = header & 0x03;
            int preprocessing = (header >> 4) & 0x03;
            int reserved = header >> 6;
            if (compression > 1 || preprocessing > 1 || reserved != 0) {
                throw invalidChunk(alpha, "has an invalid header");
            }
            if (compression == 0 && alpha.size() - 1 < pixels) {
                throw invalidChunk(alpha, "contains fewer uncompressed alpha values than the " + subject
                        + " has pixels");
            }
        }
    }
}
