package dev.temppic.model.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageIdTest {

    @Test
    void randomIdsAreCanonicalAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ImageId id = ImageId.random();

            assertThat(id.value()).hasSize(ImageId.LENGTH);
            assertThat(ImageId.parse(id.value())).isEqualTo(id);
            assertThat(seen.add(id.value())).isTrue();
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAA+A", "AAAAAAAAAAAAAAAAAAAAA/A",
            "../../etc/passwdAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA A"})
    void parseRejectsNonCanonicalText(String text) {
        assertThat(ImageId.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> ImageId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("22 URL-safe Base64 characters");
    }

    @Test
    void parseAcceptsEveryCanonicalLastCharacter() {
        for (char last : new char[] {'A', 'Q', 'g', 'w'}) {
            assertThat(ImageId.tryParse("abcdefghij-_0123456789" .substring(0, 21) + last)).isPresent();
        }
    }
}
