package dev.temppic.serving.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RangeSelectionTest {

    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} -> {1} {2}-{3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // header            | kind          | first | last
            "NULL                | FULL          | 0     | 999",
            "bytes=0-99          | PARTIAL       | 0     | 99",
            "bytes=100-          | PARTIAL       | 100   | 999",
            "bytes=-100          | PARTIAL       | 900   | 999",
            "bytes=-5000         | PARTIAL       | 0     | 999",
            "bytes=900-5000      | PARTIAL       | 900   | 999",
            "bytes=999-999       | PARTIAL       | 999   | 999",
            "BYTES=0-0           | PARTIAL       | 0     | 0",
            "bytes= 10-20        | PARTIAL       | 10    | 20",
            "bytes=1000-         | UNSATISFIABLE | 0     | -1",
            "bytes=1000-2000     | UNSATISFIABLE | 0     | -1",
            "bytes=-0            | UNSATISFIABLE | 0     | -1",
            "bytes=0-1,5-6       | FULL          | 0     | 999",
            "bytes=5-4           | FULL          | 0     | 999",
            "bytes=-             | FULL          | 0     | 999",
            "bytes=abc           | FULL          | 0     | 999",
            "items=0-10          | FULL          | 0     | 999",
            "bytes=0-99999999999999999999 | FULL | 0     | 999",
    })
    void selectsRange(String header, RangeSelection.Kind kind, long first, long last) {
        RangeSelection range = RangeSelection.select(header, SIZE);

        assertThat(range.kind()).isEqualTo(kind);
        assertThat(range.first()).isEqualTo(first);
        assertThat(range.last()).isEqualTo(last);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99     | bytes 0-99/1000",
            "bytes=-1       | bytes 999-999/1000",
            "bytes=2000-    | bytes */1000",
    })
    void formatsContentRange(String header, String contentRange) {
        assertThat(RangeSelection.select(header, SIZE).contentRange()).isEqualTo(contentRange);
    }

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99     | 100",
            "bytes=999-     | 1",
            "bytes=0-       | 1000",
    })
    void computesLength(String header, long length) {
        assertThat(RangeSelection.select(header, SIZE).length()).isEqualTo(length);
    }
}
