package dev.temppic.upload.web;

import dev.temppic.model.id.ImageLifetime;
import dev.temppic.upload.service.UploadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadParametersTest {

    private static UploadOptions parse(Map<String, String[]> parameters) throws BadParameterException {
        return UploadParameters.parse(parameters::get);
    }

    @Test
    void defaultsWhenAbsent() throws Exception {
        UploadOptions options = parse(Map.of());

        assertThat(options.lifetime()).isEqualTo(ImageLifetime.MAX);
        assertThat(options.maxViews()).isEmpty();
    }

    @Test
    void defaultsWhenEmpty() throws Exception {
        UploadOptions options = parse(Map.of("expiresIn", new String[] {""}, "maxViews", new String[] {" "}));

        assertThat(options.lifetime()).isEqualTo(ImageLifetime.MAX);
        assertThat(options.maxViews()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"60,PT1M", "3600,PT1H", "86400,PT24H", "PT1M,PT1M", "PT1H30M,PT1H30M", "pt2h,PT2H", "P1D,PT24H",
            "' 120 ',PT2M"})
    void lifetimeAcceptsSecondsAndDurations(String text, String expected) throws Exception {
        assertThat(UploadParameters.parseLifetime(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "0", "86401", "PT59S", "PT24H0.001S", "P2D", "-PT1H", "PT-5M"})
    void lifetimeRejectsOutOfRange(String text) {
        assertThatThrownBy(() -> UploadParameters.parseLifetime(text))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("expiresIn '" + text + "' is outside the allowed range")
                .hasMessageContaining("60 seconds (PT1M) to 86400 seconds (PT24H)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1h", "60s", "1.5", "-60", "PT", "9999999999999"})
    void lifetimeRejectsUnparsable(String text) {
        assertThatThrownBy(() -> UploadParameters.parseLifetime(text))
                .isInstanceOf(BadParameterException.class)
                .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("expiresIn"))
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void maxViewsInRange() throws Exception {
        assertThat(parse(Map.of("maxViews", new String[] {"1"})).maxViews()).isEqualTo(Optional.of(1));
        assertThat(parse(Map.of("maxViews", new String[] {"1000"})).maxViews()).isEqualTo(Optional.of(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "99999999999"})
    void maxViewsRejectsOutOfRange(String text) {
        assertThatThrownBy(() -> UploadParameters.parseMaxViews(text))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("maxViews '" + text + "' is outside the allowed range")
                .hasMessageContaining("from 1 to 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"five", "2.5", "1e3", "--1"})
    void maxViewsRejectsNonNumbers(String text) {
        assertThatThrownBy(() -> UploadParameters.parseMaxViews(text))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'" + text + "' of maxViews is not a whole number");
    }

    @Test
    void repeatedParameterRejected() {
        assertThatThrownBy(() -> parse(Map.of("maxViews", new String[] {"1", "2"})))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("maxViews was given 2 times");
    }

    @Test
    void longValueShortenedInDetail() {
        String value = "x".repeat(500);

        assertThatThrownBy(() -> UploadParameters.parseLifetime(value))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'" + "x".repeat(40) + "...'")
                .hasMessageNotContaining("x".repeat(41));
    }
}
