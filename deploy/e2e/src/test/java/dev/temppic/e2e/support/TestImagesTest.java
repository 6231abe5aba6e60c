package dev.temppic.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The generated images carry the metadata the end-to-end test expects the product to remove. */
class TestImagesTest {

    @Test
    void jpegCarriesExifGpsXmpAndComment() {
        byte[] jpeg = TestImages.jpegWithExifGps(64, 48);

        JpegSegments segments = JpegSegments.parse(jpeg);
        List<JpegSegments.Segment> app1 = segments.withMarker(JpegSegments.APP1);
        assertThat(app1).hasSize(2);
        assertThat(app1.get(0).payloadStartsWith("Exif\0\0")).isTrue();
        assertThat(JpegSegments.exifIfd0Tags(app1.get(0).payload())).containsExactly(0x010F, 0x0112, 0x8825);
        assertThat(JpegSegments.exifOrientation(app1.get(0).payload())).isEqualTo(6);
        assertThat(app1.get(1).payloadStartsWith("http://ns.adobe.com/xap/1.0/\0")).isTrue();
        assertThat(segments.withMarker(JpegSegments.COM)).hasSize(1);
        for (String text : List.of(TestImages.EXIF_MAKE, TestImages.XMP_TEXT, TestImages.JPEG_COMMENT)) {
            assertThat(TestImages.contains(jpeg, text.getBytes(StandardCharsets.US_ASCII))).as(text).isTrue();
        }
    }

    @Test
    void jpegStillDecodes() {
        BufferedImage decoded = TestImages.decode(TestImages.jpegWithExifGps(64, 48));

        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
    }

    @Test
    void compressedImageIgnoresMetadataOnly() {
        byte[] withMetadata = TestImages.jpegWithExifGps(64, 48);
        JpegSegments segments = JpegSegments.parse(withMetadata);
        byte[] changedScan = withMetadata.clone();
        changedScan[changedScan.length - 10] ^= 0x01;

        assertThat(segments.imageSegments()).noneMatch(JpegSegments.Segment::isApplicationOrComment);
        assertThat(segments.scanToEnd()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(segments.scanToEnd()[1] & 0xFF).as("start-of-scan marker").isEqualTo(0xDA);
        assertThat(JpegSegments.parse(changedScan).compressedImage()).isNotEqualTo(segments.compressedImage());
    }

    @Test
    void pngCarriesTextChunkAndSamePixels() {
        BufferedImage original = TestImages.argbPattern(30, 20);

        byte[] png = TestImages.pngWithTextChunk(original);

        assertThat(TestImages.contains(png, ("tEXtComment\0" + TestImages.PNG_TEXT)
                .getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        assertThat(TestImages.pixels(TestImages.decode(png))).isEqualTo(TestImages.pixels(original));
    }

    @Test
    void patternHasTransparencyAndDistinctRows() {
        BufferedImage image = TestImages.argbPattern(30, 20);

        assertThat(image.getRGB(0, 0) >>> 24).as("alpha in the top band").isEqualTo(128);
        assertThat(image.getRGB(0, 19) >>> 24).as("alpha below the band").isEqualTo(255);
        assertThat(image.getRGB(3, 5)).isNotEqualTo(image.getRGB(3, 6));
    }
}
