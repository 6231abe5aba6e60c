package dev.temppic.upload.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temppic.upload.fixtures.DecodedImage;
import dev.temppic.upload.fixtures.ImageFixtures;
import dev.temppic.upload.fixtures.ImageStructure;
import dev.temppic.upload.fixtures.ImageStructure.GifBlock;
import dev.temppic.upload.fixtures.ImageStructure.JpegSegment;
import dev.temppic.upload.fixtures.ImageStructure.PngChunk;
import dev.temppic.upload.fixtures.ImageStructure.TiffDirectory;
import dev.temppic.upload.fixtures.ImageStructure.WebpChunk;
import dev.temppic.upload.fixtures.MetadataSamples;
import dev.temppic.upload.validation.ImageFormat;
import dev.temppic.upload.validation.ImageInspector;
import dev.temppic.upload.validation.InspectedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stripped output: no metadata left, orientation kept as a single tag, image data and pixels unchanged. */
class MetadataStripperTest {

    private static final int ORIENTATION_TAG = 0x0112;

    @TempDir
    Path directory;

    private final ImageInspector inspector = new ImageInspector();
    private final MetadataStripper stripper = new MetadataStripper();

    @Nested
    class Jpeg {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
        void metadataRemoved(int orientation) throws Exception {
            byte[] stripped = strip(ImageFixtures.jpegWithMetadata(orientation));

            assertNoPrivateValues(stripped);
            assertThat(ImageStructure.containsText(stripped, "Photoshop 3.0")).as("IPTC resource block").isFalse();
            assertThat(ImageStructure.containsText(stripped, "8BIM")).as("Photoshop resource").isFalse();
            assertThat(ImageStructure.containsText(stripped, ImageFixtures.JFIF_THUMBNAIL_TEXT))
                    .as("JFIF thumbnail").isFalse();
        }

        @Test
        void onlyRenderingSegmentsKept() throws Exception {
            byte[] stripped = strip(ImageFixtures.jpegWithMetadata(1));
            List<Integer> markers = ImageStructure.jpegSegments(stripped).stream().map(JpegSegment::marker).toList();

            assertThat(markers).containsExactly(0xD8, 0xE0, 0xE2, 0xEE, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4,
                    0xDA, 0xD9);
        }

        @Test
        void colourSegmentsKeptUnchanged() throws Exception {
            byte[] original = ImageFixtures.jpegWithMetadata(1);
            byte[] stripped = strip(original);

            assertThat(segment(stripped, 0xE2).payload()).isEqualTo(segment(original, 0xE2).payload());
            assertThat(segment(stripped, 0xEE).payload()).isEqualTo(segment(original, 0xEE).payload());
        }

        @Test
        void jfifThumbnailRemoved() throws Exception {
            JpegSegment jfif = segment(strip(ImageFixtures.jpegWithMetadata(1)), 0xE0);

            assertThat(jfif.payloadStartsWith("JFIF\0")).isTrue();
            assertThat(jfif.payload()).hasSize(14);
            assertThat(jfif.payload()[12]).as("thumbnail width").isZero();
            assertThat(jfif.payload()[13]).as("thumbnail height").isZero();
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
        void orientationKeptAsSingleTag(int orientation) throws Exception {
            byte[] stripped = strip(ImageFixtures.jpegWithMetadata(orientation));
            List<JpegSegment> app1 = segments(stripped, 0xE1);

            assertThat(app1).hasSize(1);
            assertThat(app1.get(0).payloadStartsWith("Exif\0\0")).isTrue();
            assertSingleOrientationTag(app1.get(0).payload(), orientation);
            assertThat(ImageStructure.jpegSegments(stripped).get(2).marker()).as("EXIF right after JFIF")
                    .isEqualTo(0xE1);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1})
        void normalOrientationHasNoExif(int orientation) throws Exception {
            byte[] stripped = strip(ImageFixtures.jpegWithMetadata(orientation));

            assertThat(segments(stripped, 0xE1)).isEmpty();
            assertThat(ImageStructure.containsText(stripped, "Exif")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 6})
        void entropyCodedDataUnchanged(int orientation) throws Exception {
            byte[] original = ImageFixtures.jpegWithMetadata(orientation);
            byte[] stripped = strip(original);

            assertThat(ImageStructure.jpegEntropyCodedData(stripped))
                    .isEqualTo(ImageStructure.jpegEntropyCodedData(original));
            assertSamePixels(original, stripped);
        }

        @Test
        void scanVariantsUnchanged() throws Exception {
            for (byte[] original : new byte[][] {
                ImageFixtures.progressiveJpeg(), ImageFixtures.jpegWithRestartMarkers(), ImageFixtures.greyscaleJpeg(),
                ImageFixtures.largeJpeg()
            }) {
                byte[] stripped = strip(original);

                assertThat(ImageStructure.jpegEntropyCodedData(stripped))
                        .isEqualTo(ImageStructure.jpegEntropyCodedData(original));
                assertThat(stripped).as("a JPEG without metadata is copied unchanged").isEqualTo(original);
                assertSamePixels(original, stripped);
            }
        }

        @Test
        void strippedOutputPassesInspection() throws Exception {
            byte[] stripped = strip(ImageFixtures.jpegWithMetadata(6));

            InspectedImage image = inspect(stripped);
            assertThat(image.orientation()).isEqualTo(6);
            assertThat(image.width()).isEqualTo(ImageFixtures.JPEG_WIDTH);
        }
    }

    @Nested
    class Png {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 6})
        void metadataRemoved(int orientation) throws Exception {
            byte[] stripped = strip(ImageFixtures.pngWithMetadata(orientation));

            assertNoPrivateValues(stripped);
            assertThat(ImageStructure.containsText(stripped, MetadataSamples.TEXT_KEYWORD_VALUE)).isFalse();
            assertThat(ImageStructure.pngChunkTypes(stripped))
                    .doesNotContain("tEXt", "zTXt", "iTXt", "tIME", "prVt");
        }

        @Test
        void colourChunksAndImageDataKept() throws Exception {
            byte[] original = ImageFixtures.pngWithMetadata(1);
            byte[] stripped = strip(original);

            assertThat(ImageStructure.pngChunkTypes(stripped))
                    .containsExactly("IHDR", "iCCP", "gAMA", "pHYs", "IDAT", "IDAT", "IEND");
            assertThat(chunkData(stripped, "IDAT")).containsExactlyElementsOf(chunkData(original, "IDAT"));
            assertThat(chunkData(stripped, "iCCP")).containsExactlyElementsOf(chunkData(original, "iCCP"));
            assertSamePixels(original, stripped);
        }

        @Test
        void orientationKeptAsMinimalExif() throws Exception {
            byte[] stripped = strip(ImageFixtures.pngWithMetadata(6));

            assertThat(ImageStructure.pngChunkTypes(stripped))
                    .containsExactly("IHDR", "iCCP", "gAMA", "pHYs", "eXIf", "IDAT", "IDAT", "IEND");
            assertSingleOrientationTag(chunkData(stripped, "eXIf").get(0), 6);
        }

        @Test
        void normalOrientationDropsExif() throws Exception {
            assertThat(ImageStructure.pngChunkTypes(strip(ImageFixtures.pngWithMetadata(1)))).doesNotContain("eXIf");
            assertThat(ImageStructure.pngChunkTypes(strip(ImageFixtures.pngWithMetadata(0)))).doesNotContain("eXIf");
        }

        @Test
        void cleanPngsUnchanged() throws Exception {
            for (byte[] original : new byte[][] {
                ImageFixtures.png(), ImageFixtures.interlacedPng(), ImageFixtures.palettePng()
            }) {
                assertThat(strip(original)).isEqualTo(original);
            }
        }

        @Test
        void largePngImageDataUnchanged() throws Exception {
            byte[] original = ImageFixtures.largePng();
            byte[] stripped = strip(original);

            assertThat(ImageStructure.pngChunkTypes(stripped)).containsExactly("IHDR", "IDAT", "IEND");
            assertThat(chunkData(stripped, "IDAT")).containsExactlyElementsOf(chunkData(original, "IDAT"));
        }

        @Test
        void apngFramesKept() throws Exception {
            byte[] original = ImageFixtures.apng();
            byte[] stripped = strip(original);

            assertThat(ImageStructure.pngChunkTypes(stripped))
                    .containsExactly("IHDR", "acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT", "IEND");
            assertThat(ImageStructure.containsText(stripped, MetadataSamples.COMMENT)).isFalse();
            for (String type : List.of("acTL", "fcTL", "IDAT", "fdAT")) {
                assertThat(chunkData(stripped, type)).as(type).containsExactlyElementsOf(chunkData(original, type));
            }
            assertSamePixels(original, stripped);
            assertThat(inspect(stripped).frameCount()).isEqualTo(ImageFixtures.APNG_FRAMES);
        }
    }

    @Nested
    class Gif {

        @Test
        void commentAndXmpRemoved() throws Exception {
            byte[] stripped = strip(ImageFixtures.animatedGifWithComment());

            assertNoPrivateValues(stripped);
            assertThat(ImageStructure.gifBlocks(stripped)).noneMatch(block -> block.label() == 0xFE);
        }

        @Test
        void animationBlocksKept() throws Exception {
            byte[] original = ImageFixtures.animatedGifWithComment();
            byte[] stripped = strip(original);
            List<GifBlock> blocks = ImageStructure.gifBlocks(stripped);

            assertThat(blocks).filteredOn(block -> block.label() == 0xFF)
                    .extracting(GifBlock::applicationId)
                    .containsExactly("NETSCAPE2.0");
            assertThat(blocks).filteredOn(block -> block.label() == 0xF9).hasSize(ImageFixtures.GIF_FRAMES);
            assertThat(imageBlocks(stripped)).containsExactlyElementsOf(imageBlocks(original));
            assertThat(graphicControls(stripped)).containsExactlyElementsOf(graphicControls(original));
            assertSamePixels(original, stripped);
        }

        @Test
        void plainTextAndItsControlRemoved() throws Exception {
            byte[] withPlainText = strip(ImageFixtures.animatedGifWithPlainText());

            assertThat(withPlainText).isEqualTo(strip(ImageFixtures.animatedGifWithComment()));
            assertThat(ImageStructure.gifBlocks(withPlainText)).noneMatch(block -> block.label() == 0x01);
        }

        @Test
        void cleanGifUnchanged() throws Exception {
            byte[] original = ImageFixtures.gif();
            assertThat(strip(original)).isEqualTo(original);
        }

        private List<byte[]> imageBlocks(byte[] gif) {
            return ImageStructure.gifBlocks(gif).stream()
                    .filter(block -> block.introducer() == 0x2C)
                    .map(GifBlock::bytes)
                    .toList();
        }

        private List<byte[]> graphicControls(byte[] gif) {
            return ImageStructure.gifBlocks(gif).stream()
                    .filter(block -> block.label() == 0xF9)
                    .map(GifBlock::bytes)
                    .toList();
        }
    }

    @Nested
    class Webp {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 6})
        void metadataRemoved(int orientation) throws Exception {
            byte[] stripped = strip(ImageFixtures.webpWithMetadata(orientation));

            assertNoPrivateValues(stripped);
            assertThat(fourCcs(stripped)).doesNotContain("XMP ", "prVt");
            assertThat(ImageStructure.webpRiffSize(stripped)).isEqualTo(stripped.length - 8);
        }

        @Test
        void orientationKeptAsMinimalExif() throws Exception {
            byte[] original = ImageFixtures.webpWithMetadata(6);
            byte[] stripped = strip(original);
            List<WebpChunk> chunks = ImageStructure.webpChunks(stripped);

            assertThat(fourCcs(stripped)).containsExactly("VP8X", "ICCP", "VP8L", "EXIF");
            assertThat(chunks.get(0).payload()[0]).as("VP8X flags: ICC and EXIF")
                    .isEqualTo((byte) (0x20 | 0x08));
            assertSingleOrientationTag(chunks.get(3).payload(), 6);
            assertThat(chunks.get(1).payload()).isEqualTo(ImageStructure.webpChunks(original).get(1).payload());
            assertThat(chunks.get(2).payload()).isEqualTo(ImageStructure.webpChunks(original).get(2).payload());
            assertSamePixels(original, stripped);
        }

        @Test
        void normalOrientationDropsExif() throws Exception {
            byte[] stripped = strip(ImageFixtures.webpWithMetadata(1));

            assertThat(fourCcs(stripped)).containsExactly("VP8X", "ICCP", "VP8L");
            assertThat(ImageStructure.webpChunks(stripped).get(0).payload()[0]).as("VP8X flags: ICC only")
                    .isEqualTo((byte) 0x20);
        }

        @Test
        void simpleFilesUnchanged() throws Exception {
            for (byte[] original : new byte[][] {ImageFixtures.webpLossless(), ImageFixtures.webpLossy()}) {
                assertThat(strip(original)).isEqualTo(original);
            }
        }

        @Test
        void lossyWithAlphaUnchanged() throws Exception {
            byte[] original = ImageFixtures.webpLossyWithAlpha();
            byte[] stripped = strip(original);

            assertThat(stripped).isEqualTo(original);
            assertSamePixels(original, stripped);
        }

        @Test
        void animationFramesKept() throws Exception {
            byte[] original = ImageFixtures.animatedWebp();
            byte[] stripped = strip(original);
            List<WebpChunk> chunks = ImageStructure.webpChunks(stripped);

            assertNoPrivateValues(stripped);
            assertThat(fourCcs(stripped)).containsExactly("VP8X", "ANIM", "ANMF", "ANMF", "ANMF", "EXIF");
            assertThat(chunks.get(0).payload()[0]).as("VP8X flags: animation, alpha and EXIF")
                    .isEqualTo((byte) (0x02 | 0x10 | 0x08));
            assertSingleOrientationTag(chunks.get(5).payload(), 6);
            assertThat(ImageStructure.webpRiffSize(stripped)).isEqualTo(stripped.length - 8);

            List<WebpChunk> originalFrames = frames(original);
            List<WebpChunk> strippedFrames = frames(stripped);
            for (int frame = 0; frame < ImageFixtures.WEBP_FRAMES; frame++) {
                byte[] originalPayload = originalFrames.get(frame).payload();
                byte[] strippedPayload = strippedFrames.get(frame).payload();
                assertThat(java.util.Arrays.copyOf(strippedPayload, 16)).as("frame %d header", frame)
                        .isEqualTo(java.util.Arrays.copyOf(originalPayload, 16));
                assertThat(bitstreams(strippedPayload)).as("frame %d bitstreams", frame)
                        .containsExactlyElementsOf(bitstreams(originalPayload));
                assertThat(ImageStructure.webpFrameChunks(strippedPayload)).as("frame %d sub-chunks", frame)
                        .noneMatch(chunk -> chunk.fourCc().equals("prVt"));
            }
            assertSamePixels(original, stripped);
            assertThat(inspect(stripped).frameCount()).isEqualTo(ImageFixtures.WEBP_FRAMES);
        }

        private List<WebpChunk> frames(byte[] webp) {
            return ImageStructure.webpChunks(webp).stream().filter(chunk -> chunk.fourCc().equals("ANMF")).toList();
        }

        private List<byte[]> bitstreams(byte[] anmfPayload) {
            return ImageStructure.webpFrameChunks(anmfPayload).stream()
                    .filter(chunk -> chunk.fourCc().equals("ALPH") || chunk.fourCc().startsWith("VP8"))
                    .map(WebpChunk::payload)
                    .toList();
        }
    }

    @Nested
    class Contract {

        @Test
        void returnsBytesWritten() throws Exception {
            Path file = write(ImageFixtures.jpegWithMetadata(6));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            long written = stripper.strip(file, inspector.inspect(file), out);

            assertThat(written).isEqualTo(out.size());
        }

        @Test
        void mismatchedFormatThrows() throws Exception {
            Path file = write(ImageFixtures.png());
            InspectedImage claimedJpeg = new InspectedImage(ImageFormat.JPEG, 40, 30, 1, false, 1);

            assertThatThrownBy(() -> stripper.strip(file, claimedJpeg, new ByteArrayOutputStream()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("does not have the structure that its inspection accepted");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Asserts that none of the private values that the fixtures embed in metadata is left in the output. */
    private static void assertNoPrivateValues(byte[] stripped) {
        for (String value : List.of(
                MetadataSamples.CAMERA_MAKE, MetadataSamples.CAMERA_MODEL, MetadataSamples.SOFTWARE,
                MetadataSamples.DATE_TIME, MetadataSamples.USER_COMMENT, MetadataSamples.MAKER_NOTE,
                MetadataSamples.COMMENT, MetadataSamples.CREATOR, MetadataSamples.CITY, MetadataSamples.XMP_PACKET_ID,
                MetadataSamples.XMP_NAMESPACE, MetadataSamples.XMP_GPS_LATITUDE, MetadataSamples.COMPRESSED_TEXT_VALUE,
                "<x:xmpmeta", "GPS")) {
            assertThat(ImageStructure.containsText(stripped, value)).as("output contains \"%s\"", value).isFalse();
        }
        assertThat(ImageStructure.contains(stripped, MetadataSamples.gpsLatitudeBytes(ByteOrder.BIG_ENDIAN)))
                .as("GPS latitude, big-endian").isFalse();
        assertThat(ImageStructure.contains(stripped, MetadataSamples.gpsLatitudeBytes(ByteOrder.LITTLE_ENDIAN)))
                .as("GPS latitude, little-endian").isFalse();
    }

    /** Asserts that the EXIF block holds IFD0 with exactly the Orientation tag and nothing after it. */
    private static void assertSingleOrientationTag(byte[] exif, int orientation) {
        TiffDirectory ifd0 = ImageStructure.tiffIfd0(exif);

        assertThat(ifd0.entries()).hasSize(1);
        assertThat(ifd0.entries().get(0).tag()).isEqualTo(ORIENTATION_TAG);
        assertThat(ifd0.entries().get(0).type()).as("type SHORT").isEqualTo(3);
        assertThat(ifd0.entries().get(0).count()).isEqualTo(1);
        assertThat(ifd0.shortValue(ORIENTATION_TAG)).isEqualTo(orientation);
        assertThat(ifd0.nextIfdOffset()).as("no IFD1 (thumbnail)").isZero();
        int tiffStart = ImageStructure.containsText(java.util.Arrays.copyOf(exif, 4), "Exif") ? 6 : 0;
        assertThat(exif.length - tiffStart).as("TIFF size: header, one entry, no values elsewhere").isEqualTo(26);
    }

    private static void assertSamePixels(byte[] original, byte[] stripped) throws IOException {
        DecodedImage before = DecodedImage.decode(original);
        DecodedImage after = DecodedImage.decode(stripped);

        assertThat(after.frames()).hasSameSizeAs(before.frames());
        for (int frame = 0; frame < before.frames().size(); frame++) {
            assertThat(after.frames().get(frame).width()).isEqualTo(before.frames().get(frame).width());
            assertThat(after.frames().get(frame).height()).isEqualTo(before.frames().get(frame).height());
            assertThat(after.frames().get(frame).argb()).as("pixels of frame %d", frame)
                    .isEqualTo(before.frames().get(frame).argb());
        }
    }

    private static JpegSegment segment(byte[] jpeg, int marker) {
        return segments(jpeg, marker).get(0);
    }

    private static List<JpegSegment> segments(byte[] jpeg, int marker) {
        return ImageStructure.jpegSegments(jpeg).stream().filter(segment -> segment.marker() == marker).toList();
    }

    private static List<byte[]> chunkData(byte[] png, String type) {
        return ImageStructure.pngChunks(png).stream()
                .filter(chunk -> chunk.type().equals(type))
                .map(PngChunk::data)
                .toList();
    }

    private static List<String> fourCcs(byte[] webp) {
        return ImageStructure.webpChunks(webp).stream().map(WebpChunk::fourCc).toList();
    }

    private byte[] strip(byte[] original) throws Exception {
        Path file = write(original);
        InspectedImage image = inspector.inspect(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stripper.strip(file, image, out);
        return out.toByteArray();
    }

    private InspectedImage inspect(byte[] bytes) throws Exception {
        return inspector.inspect(write(bytes));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(directory, "upload", ".bin");
        Files.write(file, bytes);
        return file;
    }
}
