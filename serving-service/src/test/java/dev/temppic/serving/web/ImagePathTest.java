package dev.temppic.serving.web;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.serving.image.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePathTest {

    private static final ImageId ID = ImageId.random();

    @Test
    void parsesBareId() {
        ImagePath path = ImagePath.parse(ID.value()).orElseThrow();

        assertThat(path.id()).isEqualTo(ID);
        assertThat(path.extension()).isNull();
    }

    @Test
    void parsesIdWithExtension() {
        ImagePath path = ImagePath.parse(ID.value() + ".png").orElseThrow();

        assertThat(path.id()).isEqualTo(ID);
        assertThat(path.extension()).isEqualTo("png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "x.png", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA=",
            "../../etc/passwd", "AAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsMalformedIds(String segment) {
        assertThat(ImagePath.parse(segment)).isEmpty();
    }

    @Test
    void rejectsEmptyExtension() {
        assertThat(ImagePath.parse(ID.value() + ".")).isEmpty();
    }

    @Test
    void matchesOwnExtensionInAnyCase() {
        ImageMetadata png = metadata("png");

        assertThat(ImagePath.parse(ID.value()).orElseThrow().matches(png)).isTrue();
        assertThat(ImagePath.parse(ID.value() + ".png").orElseThrow().matches(png)).isTrue();
        assertThat(ImagePath.parse(ID.value() + ".PNG").orElseThrow().matches(png)).isTrue();
        assertThat(ImagePath.parse(ID.value() + ".jpg").orElseThrow().matches(png)).isFalse();
        assertThat(ImagePath.parse(ID.value() + ".png.jpg").orElseThrow().matches(png)).isFalse();
    }

    private static ImageMetadata metadata(String extension) {
        Instant now = Instant.now();
        return new ImageMetadata(ID, ObjectKey.of(now, ID), "image/png", extension, 10, 1, 1,
                now.plusSeconds(60), null, "d3JhcHBlZA==");
    }
}
