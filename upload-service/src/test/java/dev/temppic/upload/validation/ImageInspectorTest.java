package dev.temppic.upload.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temppic.upload.fixtures.ImageFixtures;
import dev.temppic.upload.validation.ImageRejectedException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Valid images of every accepted format and what the inspector reports about them. */
class ImageInspectorTest {

    @TempDir
    Path directory;

    private final ImageInspector inspector = new ImageInspector();

    @Test
    void jpegAccepted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.jpeg());

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.width()).isEqualTo(ImageFixtures.JPEG_WIDTH);
        assertThat(image.height()).isEqualTo(ImageFixtures.JPEG_HEIGHT);
        assertThat(image.frameCount()).isEqualTo(1);
        assertThat(image.animated()).isFalse();
        assertThat(image.orientation()).isEqualTo(1);
    }

    @Test
    void jpegVariantsAccepted() throws Exception {
        for (byte[] jpeg : new byte[][] {
            ImageFixtures.greyscaleJpeg(), ImageFixtures.progressiveJpeg(), ImageFixtures.jpegWithRestartMarkers(),
            ImageFixtures.jpegWithMetadata(0)
        }) {
            assertThat(inspect(jpeg).format()).isEqualTo(ImageFormat.JPEG);
        }
    }

    @Test
    void largeJpegAccepted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.largeJpeg());

        assertThat(image.width()).isEqualTo(ImageFixtures.LARGE_WIDTH);
        assertThat(image.height()).isEqualTo(ImageFixtures.LARGE_HEIGHT);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegOrientationRead(int orientation) throws Exception {
        assertThat(inspect(ImageFixtures.jpegWithMetadata(orientation)).orientation()).isEqualTo(orientation);
    }

    @Test
    void jpegWithoutOrientationTagIsNormal() throws Exception {
        assertThat(inspect(ImageFixtures.jpegWithMetadata(0)).orientation()).isEqualTo(1);
    }

    @Test
    void displaySizeSwapsForRotation() throws Exception {
        InspectedImage image = inspect(ImageFixtures.jpegWithMetadata(6));

        assertThat(image.displayWidth()).isEqualTo(ImageFixtures.JPEG_HEIGHT);
        assertThat(image.displayHeight()).isEqualTo(ImageFixtures.JPEG_WIDTH);
    }

    @Test
    void pngAccepted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.png());

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(ImageFixtures.PNG_WIDTH);
        assertThat(image.height()).isEqualTo(ImageFixtures.PNG_HEIGHT);
        assertThat(image.frameCount()).isEqualTo(1);
        assertThat(image.orientation()).isEqualTo(1);
    }

    @Test
    void pngVariantsAccepted() throws Exception {
        for (byte[] png : new byte[][] {
            ImageFixtures.interlacedPng(), ImageFixtures.palettePng(), ImageFixtures.pngWithMetadata(0),
            ImageFixtures.largePng()
        }) {
            assertThat(inspect(png).format()).isEqualTo(ImageFormat.PNG);
        }
    }

    @Test
    void pngExifOrientationRead() throws Exception {
        assertThat(inspect(ImageFixtures.pngWithMetadata(8)).orientation()).isEqualTo(8);
    }

    @Test
    void apngFramesCounted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.apng());

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.frameCount()).isEqualTo(ImageFixtures.APNG_FRAMES);
        assertThat(image.animated()).isTrue();
        assertThat(image.width()).isEqualTo(ImageFixtures.PNG_WIDTH);
    }

    @Test
    void gifAccepted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.gif());

        assertThat(image.format()).isEqualTo(ImageFormat.GIF);
        assertThat(image.width()).isEqualTo(ImageFixtures.GIF_WIDTH);
        assertThat(image.height()).isEqualTo(ImageFixtures.GIF_HEIGHT);
        assertThat(image.frameCount()).isEqualTo(1);
        assertThat(image.animated()).isFalse();
    }

    @Test
    void animatedGifFramesCounted() throws Exception {
        byte[][] animations = {ImageFixtures.animatedGifWithComment(), ImageFixtures.animatedGifWithPlainText()};
        for (byte[] gif : animations) {
            InspectedImage image = inspect(gif);

            assertThat(image.frameCount()).isEqualTo(ImageFixtures.GIF_FRAMES);
            assertThat(image.animated()).isTrue();
        }
    }

    @Test
    void webpStillImagesAccepted() throws Exception {
        for (byte[] webp : new byte[][] {
            ImageFixtures.webpLossless(), ImageFixtures.webpLossy(), ImageFixtures.webpLossyWithAlpha(),
            ImageFixtures.webpWithMetadata(0)
        }) {
            InspectedImage image = inspect(webp);

            assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
            assertThat(image.width()).isEqualTo(ImageFixtures.WEBP_WIDTH);
            assertThat(image.height()).isEqualTo(ImageFixtures.WEBP_HEIGHT);
            assertThat(image.frameCount()).isEqualTo(1);
        }
    }

    @Test
    void webpExifOrientationRead() throws Exception {
        assertThat(inspect(ImageFixtures.webpWithMetadata(5)).orientation()).isEqualTo(5);
    }

    @Test
    void animatedWebpFramesCounted() throws Exception {
        InspectedImage image = inspect(ImageFixtures.animatedWebp());

        assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(image.frameCount()).isEqualTo(ImageFixtures.WEBP_FRAMES);
        assertThat(image.animated()).isTrue();
        assertThat(image.orientation()).isEqualTo(6);
    }

    @Test
    void formatsCarryMediaTypeAndExtension() {
        assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageFormat.PNG.mimeType()).isEqualTo("image/png");
        assertThat(ImageFormat.GIF.extension()).isEqualTo("gif");
        assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(ImageFormat.WEBP.extension()).isEqualTo("webp");
    }

    @Test
    void rejectionKindsMapToHttpStatus() {
        assertThat(Kind.EMPTY.httpStatus()).isEqualTo(400);
        assertThat(Kind.UNSUPPORTED_TYPE.httpStatus()).isEqualTo(415);
        assertThat(Kind.MALFORMED.httpStatus()).isEqualTo(422);
        assertThat(Kind.TOO_MANY_PIXELS.httpStatus()).isEqualTo(422);
        assertThat(Kind.TOO_MANY_FRAMES.httpStatus()).isEqualTo(422);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new ImageLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ImageLimits.defaults()).isEqualTo(new ImageLimits(100_000_000L, 1000));
    }

    @Test
    void missingFileThrowsIoException() {
        assertThatThrownBy(() -> inspector.inspect(directory.resolve("missing")))
                .isInstanceOf(IOException.class);
    }

    private InspectedImage inspect(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(directory, "upload", ".bin");
        Files.write(file, bytes);
        return inspector.inspect(file);
    }
}
