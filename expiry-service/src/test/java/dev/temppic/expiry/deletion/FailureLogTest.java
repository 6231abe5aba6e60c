package dev.temppic.expiry.deletion;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureLogTest {

    @Test
    void reportsOnlyFirstFailures() {
        FailureLog failures = new FailureLog();

        assertThat(failures.recordFailures(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(failures.recordFailures(List.of("a", "c"))).containsExactly("c");
        assertThat(failures.attempts("a")).isEqualTo(2);
        assertThat(failures.attempts("b")).isEqualTo(1);
        assertThat(failures.attempts("unknown")).isZero();
    }

    @Test
    void successForgetsFailures() {
        FailureLog failures = new FailureLog();
        failures.recordFailures(List.of("a", "b"));

        assertThat(failures.recordSuccesses(List.of("a", "never-failed"))).isEqualTo(1);
        assertThat(failures.attempts("a")).isZero();
        assertThat(failures.recordFailures(List.of("a"))).containsExactly("a");
    }

    @Test
    void tracksBoundedNumberOfKeys() {
        FailureLog failures = new FailureLog();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < FailureLog.MAX_TRACKED + 5; i++) {
            keys.add("key-" + i);
        }

        failures.recordFailures(keys);

        assertThat(failures.attempts("key-0")).isZero();
        assertThat(failures.attempts("key-" + (FailureLog.MAX_TRACKED + 4))).isEqualTo(1);
    }
}
