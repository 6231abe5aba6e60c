package dev.temppic.upload.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.temppic.upload.fixtures.ImageFixtures;
import dev.temppic.upload.fixtures.ImageStructure;
import dev.temppic.upload.fixtures.PngBuilder;
import dev.temppic.upload.fixtures.WebpBuilder;
import dev.temppic.upload.validation.ImageRejectedException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that the inspector must reject, with the rejection kind and the detail sent to the uploader. */
class ImageRejectionTest {

    @TempDir
    Path directory;

    @Nested
    class NotAnImage {

        @Test
        void emptyFile() {
            assertRejected(ImageFixtures.empty(), Kind.EMPTY, "empty (0 bytes)");
        }

        @Test
        void svgWithScript() {
            assertRejected(ImageFixtures.svgWithScript(), Kind.UNSUPPORTED_TYPE,
                    "an SVG image", "JPEG, PNG, GIF or WebP");
        }

        @Test
        void htmlNamedJpg() throws Exception {
            Path file = directory.resolve("holiday.jpg");
            Files.write(file, ImageFixtures.htmlAsJpg());

            ImageRejectedException rejection = catchThrowableOfType(
                    () -> new ImageInspector().inspect(file), ImageRejectedException.class);

            assertThat(rejection.kind()).isEqualTo(Kind.UNSUPPORTED_TYPE);
            assertThat(rejection.detail()).contains("an HTML document");
        }

        @Test
        void otherFormatsNamed() {
            assertRejected(ImageFixtures.pdf(), Kind.UNSUPPORTED_TYPE, "a PDF document");
            assertRejected(ImageFixtures.bmp(), Kind.UNSUPPORTED_TYPE, "a BMP image");
            assertRejected(ImageFixtures.tiff(), Kind.UNSUPPORTED_TYPE, "a TIFF image");
            assertRejected(ImageFixtures.heicHeader(), Kind.UNSUPPORTED_TYPE, "a HEIC/HEIF image");
            assertRejected(ImageFixtures.zipArchive(), Kind.UNSUPPORTED_TYPE, "a ZIP archive");
            assertRejected(ImageFixtures.xmlDocument(), Kind.UNSUPPORTED_TYPE, "an XML document");
            assertRejected(ImageFixtures.plainText(), Kind.UNSUPPORTED_TYPE, "a text file");
        }

        @Test
        void riffAudioNamed() {
            byte[] wave = concat(ascii("RIFF"), le32(36), ascii("WAVEfmt "), new byte[28]);
            assertRejected(wave, Kind.UNSUPPORTED_TYPE, "a WAV audio file");
        }

        @Test
        void unknownBytesListed() {
            byte[] unknown = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            assertRejected(unknown, Kind.UNSUPPORTED_TYPE, "could not be recognized", "00 01 02 03 04 05 06 07");
        }
    }

    @Nested
    class Polyglots {

        @Test
        void jpegFollowedByHtml() {
            assertRejected(ImageFixtures.jpegHtmlPolyglot(), Kind.MALFORMED,
                    "end-of-image marker", "look like an HTML document", "other data after the image");
        }

        @Test
        void gifFollowedByZip() {
            assertRejected(ImageFixtures.gifZipPolyglot(), Kind.MALFORMED, "with its trailer", "a ZIP archive");
        }

        @Test
        void pngFollowedByHtml() {
            byte[] polyglot = concat(ImageFixtures.png(), ascii(ImageFixtures.POLYGLOT_HTML));
            assertRejected(polyglot, Kind.MALFORMED, "its IEND chunk", "an HTML document");
        }

        @Test
        void webpFollowedByZip() {
            byte[] polyglot = concat(ImageFixtures.webpLossless(), ImageFixtures.zipArchive());
            assertRejected(polyglot, Kind.MALFORMED, "the end of its RIFF container", "a ZIP archive");
        }

        @Test
        void twoJpegsJoined() {
            assertRejected(concat(ImageFixtures.jpeg(), ImageFixtures.jpeg()), Kind.MALFORMED, "more bytes follow");
        }
    }

    @Nested
    class Truncated {

        @Test
        void jpegCutInHalf() {
            assertRejected(ImageFixtures.truncated(ImageFixtures.jpeg()), Kind.MALFORMED,
                    "The JPEG file ends inside its", "incomplete", "Upload the complete file");
        }

        @Test
        void jpegCutInsideImageData() {
            byte[] jpeg = ImageFixtures.largeJpeg();
            assertRejected(ImageFixtures.truncated(jpeg), Kind.MALFORMED,
                    "The JPEG file ends inside its image data (scan 1)");
        }

        @Test
        void jpegWithoutEndMarker() {
            byte[] jpeg = ImageFixtures.jpeg();
            assertRejected(Arrays.copyOf(jpeg, jpeg.length - 2), Kind.MALFORMED, "ends inside its image data");
        }

        @Test
        void jpegCutInsideSegment() {
            assertRejected(Arrays.copyOf(ImageFixtures.jpegWithMetadata(6), 200), Kind.MALFORMED,
                    "The JPEG file ends inside its APP1 segment");
        }

        @Test
        void pngCutInHalf() {
            assertRejected(ImageFixtures.truncated(ImageFixtures.png()), Kind.MALFORMED,
                    "The PNG file ends inside its IDAT chunk");
        }

        @Test
        void pngWithoutEnd() {
            byte[] png = ImageFixtures.png();
            assertRejected(Arrays.copyOf(png, png.length - 12), Kind.MALFORMED,
                    "The PNG file ends before its IEND chunk");
        }

        @Test
        void gifCutInHalf() {
            assertRejected(ImageFixtures.truncated(ImageFixtures.animatedGifWithComment()), Kind.MALFORMED,
                    "The GIF file ends");
        }

        @Test
        void gifWithoutTrailer() {
            byte[] gif = ImageFixtures.gif();
            assertRejected(Arrays.copyOf(gif, gif.length - 1), Kind.MALFORMED,
                    "The GIF file ends before its trailer");
        }

        @Test
        void webpCutInHalf() {
            byte[] webp = ImageFixtures.webpLossless();
            assertRejected(ImageFixtures.truncated(webp), Kind.MALFORMED,
                    "The WebP file ends after " + webp.length / 2 + " bytes, but its RIFF header declares "
                            + webp.length + " bytes");
        }
    }

    @Nested
    class Limits {

        @Test
        void pngDeclaringTenGigapixels() {
            assertRejected(ImageFixtures.pngWithHugeDimensions(), Kind.TOO_MANY_PIXELS,
                    "100000 x 100000 pixels (10000000000 pixels)", "limit of 100000000 pixels");
        }

        @Test
        void jpegOverPixelLimit() {
            assertRejected(ImageFixtures.jpegWithDeclaredSize(60000, 60000), Kind.TOO_MANY_PIXELS,
                    "60000 x 60000 pixels");
        }

        @Test
        void webpCanvasOverPixelLimit() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(0, 16384, 16384)
                    .chunk("VP8L", ImageFixtures.webpLosslessBitstream(1, 1, 0))
                    .toByteArray();
            assertRejected(webp, Kind.TOO_MANY_PIXELS, "The canvas is 16384 x 16384 pixels");
        }

        @Test
        void gifOverConfiguredPixelLimit() {
            ImageRejectedException rejection = rejection(ImageFixtures.gif(), new ImageLimits(500, 10));

            assertThat(rejection.kind()).isEqualTo(Kind.TOO_MANY_PIXELS);
            assertThat(rejection.detail()).contains("32 x 24 pixels (768 pixels)", "limit of 500 pixels");
        }

        @Test
        void gifOverConfiguredFrameLimit() {
            ImageRejectedException rejection = rejection(ImageFixtures.animatedGifWithComment(),
                    new ImageLimits(1_000_000, 2));

            assertThat(rejection.kind()).isEqualTo(Kind.TOO_MANY_FRAMES);
            assertThat(rejection.detail()).contains("more frames than the limit of 2 frames");
        }

        @Test
        void webpOverConfiguredFrameLimit() {
            ImageRejectedException rejection = rejection(ImageFixtures.animatedWebp(), new ImageLimits(1_000_000, 2));

            assertThat(rejection.kind()).isEqualTo(Kind.TOO_MANY_FRAMES);
        }

        @Test
        void apngDeclaringTooManyFrames() {
            byte[] apng = new PngBuilder()
                    .header(8, 8, PngBuilder.COLOUR_RGB, false)
                    .chunk("acTL", ByteBuffer.allocate(8).putInt(5000).putInt(0).array())
                    .toByteArray();
            assertRejected(apng, Kind.TOO_MANY_FRAMES, "The animation has 5000 frames", "limit of 1000 frames");
        }
    }

    @Nested
    class MalformedJpeg {

        @Test
        void scanBeforeFrameHeader() {
            assertRejected(withoutJpegSegment(ImageFixtures.jpeg(), 0xC0), Kind.MALFORMED,
                    "image data (SOS segment)", "before its frame header");
        }

        @Test
        void strayByteBetweenSegments() {
            byte[] jpeg = ImageFixtures.jpeg();
            byte[] broken = concat(Arrays.copyOf(jpeg, 2), new byte[] {0x42}, Arrays.copyOfRange(jpeg, 2, jpeg.length));
            assertRejected(broken, Kind.MALFORMED, "0x42 at byte 2 where a marker should start");
        }

        @Test
        void huffmanTableOverrunsSegment() {
            byte[] dht = {0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 1, 2};
            byte[] broken = insertAfterSoi(ImageFixtures.jpeg(), ImageFixtures.jpegSegment(0xC4, dht));
            assertRejected(broken, Kind.MALFORMED, "DHT segment", "declares more symbols than it contains");
        }

        @Test
        void hierarchicalUnsupported() {
            byte[] jpeg = ImageFixtures.jpeg();
            int sof = jpegSegmentOffset(jpeg, 0xC0);
            jpeg[sof + 1] = (byte) 0xC5;
            assertRejected(jpeg, Kind.UNSUPPORTED_TYPE, "hierarchical JPEG");
        }

        @Test
        void segmentLengthTooSmall() {
            byte[] broken = insertAfterSoi(ImageFixtures.jpeg(), new byte[] {(byte) 0xFF, (byte) 0xE5, 0, 1});
            assertRejected(broken, Kind.MALFORMED, "APP5 segment at byte 2 declares an invalid length of 1");
        }

        @Test
        void noImageAtAll() {
            byte[] onlyMarkers = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
            assertRejected(onlyMarkers, Kind.MALFORMED, "no frame header");
        }
    }

    @Nested
    class MalformedPng {

        @Test
        void wrongCrc() {
            byte[] png = ImageFixtures.png();
            png[png.length - 20] ^= 0x55;
            assertRejected(png, Kind.MALFORMED, "The PNG IDAT chunk at byte 33 has a wrong CRC checksum");
        }

        @Test
        void damagedSignature() {
            byte[] png = ImageFixtures.png();
            png[4] = 0x0A;
            assertRejected(png, Kind.MALFORMED, "signature is damaged");
        }

        @Test
        void headerNotFirst() {
            byte[] png = new PngBuilder().chunk("gAMA", new byte[4]).toByteArray();
            assertRejected(png, Kind.MALFORMED, "starts with a gAMA chunk instead of IHDR");
        }

        @Test
        void appleVariantUnsupported() {
            byte[] png = new PngBuilder().chunk("CgBI", new byte[4]).toByteArray();
            assertRejected(png, Kind.UNSUPPORTED_TYPE, "Apple-optimized PNG");
        }

        @Test
        void invalidBitDepth() {
            byte[] header = ByteBuffer.allocate(13).putInt(4).putInt(4)
                    .put((byte) 3).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
            byte[] png = new PngBuilder().chunk("IHDR", header).toByteArray();
            assertRejected(png, Kind.MALFORMED, "colour type 2 with bit depth 3");
        }

        @Test
        void imageDataNotZlib() {
            assertRejected(pngWithImageData(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), Kind.MALFORMED,
                    "is not a valid zlib stream");
        }

        @Test
        void imageDataTooShort() {
            byte[] rows = new byte[3 * (1 + 4 * 3)];
            assertRejected(pngWithImageData(PngBuilder.deflate(rows)), Kind.MALFORMED, "fewer rows of pixels");
        }

        @Test
        void imageDataTooLong() {
            byte[] rows = new byte[5 * (1 + 4 * 3)];
            assertRejected(pngWithImageData(PngBuilder.deflate(rows)), Kind.MALFORMED, "more pixel data");
        }

        @Test
        void invalidFilterType() {
            byte[] rows = new byte[4 * (1 + 4 * 3)];
            rows[13] = 9;
            assertRejected(pngWithImageData(PngBuilder.deflate(rows)), Kind.MALFORMED, "invalid row filter type 9");
        }

        @Test
        void compressedStreamCut() {
            byte[] data = PngBuilder.deflate(new byte[4 * (1 + 4 * 3)]);
            assertRejected(pngWithImageData(Arrays.copyOf(data, data.length - 3)), Kind.MALFORMED,
                    "ends before its zlib stream is complete");
        }

        @Test
        void dataAfterCompressedStream() {
            byte[] data = concat(PngBuilder.deflate(new byte[4 * (1 + 4 * 3)]), ascii("hidden"));
            assertRejected(pngWithImageData(data), Kind.MALFORMED, "continues after the end of its compressed stream");
        }

        @Test
        void imageDataSplitByOtherChunk() {
            byte[] data = PngBuilder.deflate(new byte[4 * (1 + 4 * 3)]);
            byte[] png = new PngBuilder()
                    .header(4, 4, PngBuilder.COLOUR_RGB, false)
                    .chunk("IDAT", Arrays.copyOf(data, 4))
                    .chunk("tEXt", ascii("a\0b"))
                    .chunk("IDAT", Arrays.copyOfRange(data, 4, data.length))
                    .end()
                    .toByteArray();
            assertRejected(png, Kind.MALFORMED, "must be consecutive");
        }

        @Test
        void noImageData() {
            byte[] png = new PngBuilder().header(4, 4, PngBuilder.COLOUR_RGB, false).end().toByteArray();
            assertRejected(png, Kind.MALFORMED, "has no image data (IDAT chunk)");
        }

        @Test
        void paletteImageWithoutPalette() {
            byte[] png = new PngBuilder()
                    .header(4, 4, PngBuilder.COLOUR_PALETTE, false)
                    .chunk("IDAT", PngBuilder.deflate(new byte[4 * 5]))
                    .end()
                    .toByteArray();
            assertRejected(png, Kind.MALFORMED, "uses a palette but has no PLTE chunk");
        }

        @Test
        void unknownCriticalChunk() {
            byte[] png = new PngBuilder()
                    .header(4, 4, PngBuilder.COLOUR_RGB, false)
                    .chunk("ZZZZ", new byte[0])
                    .toByteArray();
            assertRejected(png, Kind.MALFORMED, "critical chunk ZZZZ");
        }

        @Test
        void apngFrameCountMismatch() {
            byte[] apng = replacePngChunk(ImageFixtures.apng(), "acTL",
                    ByteBuffer.allocate(8).putInt(4).putInt(0).array());
            assertRejected(apng, Kind.MALFORMED, "acTL chunk declares 4 frames, but the file contains 3");
        }

        @Test
        void apngSequenceOutOfOrder() {
            byte[] apng = replacePngChunk(ImageFixtures.apng(), "fcTL",
                    ImageFixtures.frameControl(7, ImageFixtures.PNG_WIDTH, ImageFixtures.PNG_HEIGHT, 0, 0));
            assertRejected(apng, Kind.MALFORMED, "sequence number 7 where 0 was expected");
        }

        @Test
        void apngFrameOutsideCanvas() {
            byte[] apng = new PngBuilder()
                    .header(8, 8, PngBuilder.COLOUR_RGB, false)
                    .chunk("acTL", ByteBuffer.allocate(8).putInt(1).putInt(0).array())
                    .chunk("IDAT", PngBuilder.deflate(new byte[8 * 25]))
                    .chunk("fcTL", ImageFixtures.frameControl(0, 8, 8, 4, 0))
                    .toByteArray();
            assertRejected(apng, Kind.MALFORMED, "frame 1 (8 x 8 at 4,0) does not fit in the 8 x 8 image");
        }

        @Test
        void apngFrameWithoutData() {
            byte[] apng = new PngBuilder()
                    .header(8, 8, PngBuilder.COLOUR_RGB, false)
                    .chunk("acTL", ByteBuffer.allocate(8).putInt(2).putInt(0).array())
                    .chunk("IDAT", PngBuilder.deflate(new byte[8 * 25]))
                    .chunk("fcTL", ImageFixtures.frameControl(0, 8, 8, 0, 0))
                    .chunk("fcTL", ImageFixtures.frameControl(1, 8, 8, 0, 0))
                    .toByteArray();
            assertRejected(apng, Kind.MALFORMED, "frame 1 has no image data");
        }

        @Test
        void frameDataWithoutAnimationControl() {
            byte[] png = new PngBuilder()
                    .header(8, 8, PngBuilder.COLOUR_RGB, false)
                    .chunk("IDAT", PngBuilder.deflate(new byte[8 * 25]))
                    .chunk("fdAT", new byte[8])
                    .toByteArray();
            assertRejected(png, Kind.MALFORMED, "no animation control (acTL) chunk");
        }

        private byte[] pngWithImageData(byte[] data) {
            return new PngBuilder()
                    .header(4, 4, PngBuilder.COLOUR_RGB, false)
                    .chunk("IDAT", data)
                    .end()
                    .toByteArray();
        }
    }

    @Nested
    class MalformedGif {

        @Test
        void unknownVersion() {
            byte[] gif = ImageFixtures.gif();
            gif[4] = '8';
            assertRejected(gif, Kind.MALFORMED, "version '88a' is neither 87a nor 89a");
        }

        @Test
        void unknownBlock() {
            byte[] gif = ImageFixtures.gif();
            gif[gif.length - 1] = 0x42;
            assertRejected(gif, Kind.MALFORMED, "0x42 at byte " + (gif.length - 1) + " where a block should start");
        }

        @Test
        void noImage() {
            byte[] gif = concat(ascii("GIF89a"), new byte[] {4, 0, 4, 0, 0, 0, 0}, new byte[] {0x3B});
            assertRejected(gif, Kind.MALFORMED, "contains no image");
        }

        @Test
        void zeroSizedScreen() {
            byte[] gif = concat(ascii("GIF89a"), new byte[] {0, 0, 4, 0, 0, 0, 0}, new byte[] {0x3B});
            assertRejected(gif, Kind.MALFORMED, "logical screen is 0 x 4 pixels");
        }

        @Test
        void invalidGraphicControlSize() {
            byte[] header = concat(ascii("GIF89a"), new byte[] {4, 0, 4, 0, 0, 0, 0});
            byte[] gif = concat(header, new byte[] {0x21, (byte) 0xF9, 5, 0, 0, 0, 0, 0, 0, 0x3B});
            assertRejected(gif, Kind.MALFORMED, "block size of 5 instead of 4");
        }
    }

    @Nested
    class MalformedWebp {

        @Test
        void chunkRunsPastContainer() {
            byte[] webp = ImageFixtures.webpLossless();
            ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putInt(16, webp.length);
            assertRejected(webp, Kind.MALFORMED, "VP8L chunk at byte 12 declares", "run past the end of the RIFF");
        }

        @Test
        void bitstreamSizeDiffersFromCanvas() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(0, 10, 10)
                    .chunk("VP8L", ImageFixtures.webpLosslessBitstream(9, 10, 0))
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "image data of 9 x 10 pixels, but its header declares 10 x 10");
        }

        @Test
        void frameOutsideCanvas() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(WebpBuilder.FLAG_ANIMATION, 10, 10)
                    .animationHeader(0, 0)
                    .frame(4, 0, 8, 8, 100, 0, losslessFrameData(8, 8))
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "frame 1 (8 x 8 at 4,0) does not fit in the 10 x 10 canvas");
        }

        @Test
        void animationWithoutAnimationHeader() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(WebpBuilder.FLAG_ANIMATION, 8, 8)
                    .frame(0, 0, 8, 8, 100, 0, losslessFrameData(8, 8))
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "ANMF chunk at byte 30", "no ANIM chunk comes before it");
        }

        @Test
        void frameWithoutAnimationFlag() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(0, 8, 8)
                    .animationHeader(0, 0)
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "does not declare an animation");
        }

        @Test
        void simpleFormatWithExtraChunk() {
            byte[] webp = new WebpBuilder()
                    .chunk("VP8L", ImageFixtures.webpLosslessBitstream(4, 4, 0))
                    .chunk("EXIF", new byte[8])
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "simple format allows only one");
        }

        @Test
        void lossyInterFrame() {
            byte[] frame = new byte[20];
            frame[0] = 1;
            assertRejected(new WebpBuilder().chunk("VP8 ", frame).toByteArray(), Kind.MALFORMED,
                    "is not a visible VP8 key frame");
        }

        @Test
        void losslessSignatureMissing() {
            assertRejected(new WebpBuilder().chunk("VP8L", new byte[8]).toByteArray(), Kind.MALFORMED,
                    "does not start with the VP8L signature");
        }

        @Test
        void alphaWithLossless() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(WebpBuilder.FLAG_ALPHA, 4, 4)
                    .chunk("ALPH", ImageFixtures.alphaGradient(4, 4))
                    .chunk("VP8L", ImageFixtures.webpLosslessBitstream(4, 4, 0))
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "goes with lossless VP8L image data");
        }

        @Test
        void uncompressedAlphaTooShort() {
            byte[] webp = new WebpBuilder()
                    .extendedHeader(WebpBuilder.FLAG_ALPHA, 4, 4)
                    .chunk("ALPH", new byte[1 + 10])
                    .chunk("VP8 ", dev.temppic.upload.fixtures.Vp8KeyFrameWriter.flatKeyFrame(4, 4))
                    .toByteArray();
            assertRejected(webp, Kind.MALFORMED, "fewer uncompressed alpha values");
        }

        @Test
        void unknownFirstChunk() {
            assertRejected(new WebpBuilder().chunk("JUNK", new byte[4]).toByteArray(), Kind.MALFORMED,
                    "starts with a 'JUNK' chunk instead of VP8, VP8L or VP8X");
        }

        @Test
        void stillImageWithoutBitstream() {
            byte[] webp = new WebpBuilder().extendedHeader(0, 4, 4).chunk("ICCP", new byte[4]).toByteArray();
            assertRejected(webp, Kind.MALFORMED, "The WebP image has no VP8 or VP8L image data");
        }

        private byte[] losslessFrameData(int width, int height) {
            return WebpBuilder.chunkBytes("VP8L", ImageFixtures.webpLosslessBitstream(width, height, 0));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void assertRejected(byte[] bytes, Kind kind, String... detailFragments) {
        ImageRejectedException rejection = rejection(bytes, ImageLimits.defaults());

        assertThat(rejection).as("rejection").isNotNull();
        assertThat(rejection.kind()).as("kind of: %s", rejection.detail()).isEqualTo(kind);
        assertThat(rejection.detail()).contains(detailFragments);
        assertThat(rejection.detail()).as("detail ends with a full sentence").endsWith(".");
    }

    private ImageRejectedException rejection(byte[] bytes, ImageLimits limits) {
        return catchThrowableOfType(() -> {
            Path file = Files.createTempFile(directory, "upload", ".bin");
            Files.write(file, bytes);
            new ImageInspector(limits).inspect(file);
        }, ImageRejectedException.class);
    }

    private static byte[] withoutJpegSegment(byte[] jpeg, int marker) {
        int offset = jpegSegmentOffset(jpeg, marker);
        int length = ((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF);
        return concat(Arrays.copyOf(jpeg, offset), Arrays.copyOfRange(jpeg, offset + 2 + length, jpeg.length));
    }

    private static int jpegSegmentOffset(byte[] jpeg, int marker) {
        return ImageStructure.jpegSegments(jpeg).stream()
                .filter(segment -> segment.marker() == marker)
                .findFirst()
                .orElseThrow()
                .offset();
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** Replaces the data of the first chunk of the type, recomputing its CRC. */
    private static byte[] replacePngChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngBuilder.SIGNATURE);
        boolean replaced = false;
        for (ImageStructure.PngChunk chunk : ImageStructure.pngChunks(png)) {
            boolean target = !replaced && chunk.type().equals(type);
            out.writeBytes(PngBuilder.chunkBytes(chunk.type(), target ? data : chunk.data()));
            replaced |= target;
        }
        return out.toByteArray();
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
