package dev.temppic.expiry.deletion;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WakeUpSignalTest {

    private final Clock clock = Clock.systemUTC();
    private final WakeUpSignal signal = new WakeUpSignal(clock);

    @Test
    void sleepsUntilWakeTime() throws InterruptedException {
        long start = System.nanoTime();

        assertThat(signal.sleepUntil(clock.millis() + 200, true)).isTrue();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
    }

    @Test
    void earlierRequestEndsSleep() throws Exception {
        CompletableFuture<Long> sleptMillis = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                signal.sleepUntil(clock.millis() + 10_000, true);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
        Thread.sleep(100);

        signal.requestWakeUpAt(clock.millis());

        assertThat(sleptMillis.get(5, TimeUnit.SECONDS)).isLessThan(5_000);
    }

    @Test
    void laterRequestKeepsSleeping() throws InterruptedException {
        long wake = clock.millis() + 300;
        signal.requestWakeUpAt(wake + 60_000);
        long start = System.nanoTime();

        signal.sleepUntil(wake, true);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(290);
    }

    @Test
    void requestWhileBusyShortensNextSleep() throws InterruptedException {
        signal.requestWakeUpAt(clock.millis());
        long start = System.nanoTime();

        signal.sleepUntil(clock.millis() + 10_000, true);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }

    @Test
    void pauseIgnoresRequests() throws InterruptedException {
        signal.requestWakeUpAt(clock.millis());
        long start = System.nanoTime();

        signal.sleepUntil(clock.millis() + 300, false);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(290);
    }

    @Test
    void stopEndsSleep() throws Exception {
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.sleepUntil(clock.millis() + 10_000, false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);

        signal.stop();

        assertThat(result.get(5, TimeUnit.SECONDS)).isFalse();
    }
}
