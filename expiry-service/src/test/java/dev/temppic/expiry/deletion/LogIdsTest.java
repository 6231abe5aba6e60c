package dev.temppic.expiry.deletion;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogIdsTest {

    @Test
    void listsShortCollectionsWhole() {
        assertThat(LogIds.summarize(List.of("a", "b"))).isEqualTo("a, b");
    }

    @Test
    void countsItemsBeyondTen() {
        List<String> ids = IntStream.range(0, 13).mapToObj(Integer::toString).toList();

        assertThat(LogIds.summarize(ids)).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 3 more");
    }
}
