package dev.temppic.gateway.ratelimit;

import dev.temppic.gateway.GatewayProperties;
import dev.temppic.gateway.address.ClientAddressResolver;
import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashedClientKeyResolverTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    static final Clock DAY_ONE = Clock.fixed(Instant.parse("2026-03-01T23:59:59Z"), ZoneOffset.UTC);
    static final Clock DAY_TWO = Clock.fixed(Instant.parse("2026-03-02T00:00:01Z"), ZoneOffset.UTC);

    final ClientAddressResolver addresses = new ClientAddressResolver(new GatewayProperties(null, null, null,
            List.of()));

    @Test
    void keyIsHashNotAddress() {
        String key = resolver(SECRET, DAY_ONE).hash(bytes("203.0.113.9"));

        assertThat(key).matches("[A-Za-z0-9_-]{43}").doesNotContain("203").doesNotContain("113");
    }

    @Test
    void sameDaySameKey() {
        HashedClientKeyResolver resolver = resolver(null, DAY_ONE);

        assertThat(resolver.hash(bytes("203.0.113.9"))).isEqualTo(resolver.hash(bytes("203.0.113.9")));
        assertThat(resolver.hash(bytes("203.0.113.9"))).isNotEqualTo(resolver.hash(bytes("203.0.113.10")));
    }

    @Test
    void keyRotatesAtUtcMidnight() {
        for (String secret : new String[] {SECRET, null}) {
            SwitchableClock clock = new SwitchableClock(DAY_ONE);
            DailyKeyring keyring = new DailyKeyring(secret, clock);
            byte[] first = keyring.currentKey();
            clock.set(Clock.offset(DAY_ONE, Duration.ofSeconds(-3600)));
            byte[] sameDay = keyring.currentKey();
            clock.set(DAY_TWO);

            assertThat(sameDay).as("secret %s", secret).isEqualTo(first);
            assertThat(keyring.currentKey()).as("secret %s", secret).isNotEqualTo(first);
        }
    }

    @Test
    void secretGivesSameKeyOnEveryInstance() {
        assertThat(resolver(SECRET, DAY_ONE).hash(bytes("203.0.113.9")))
                .isEqualTo(resolver(SECRET, DAY_ONE).hash(bytes("203.0.113.9")));
    }

    @Test
    void randomKeyDiffersPerInstance() {
        assertThat(resolver(null, DAY_ONE).hash(bytes("203.0.113.9")))
                .isNotEqualTo(resolver(null, DAY_ONE).hash(bytes("203.0.113.9")));
    }

    @Test
    void ipv6KeyedBy64Prefix() {
        HashedClientKeyResolver resolver = resolver(SECRET, DAY_ONE);

        assertThat(resolver.hash(bytes("2001:db8:1:2::1"))).isEqualTo(resolver.hash(bytes("2001:db8:1:2:ffff::9")));
        assertThat(resolver.hash(bytes("2001:db8:1:2::1"))).isNotEqualTo(resolver.hash(bytes("2001:db8:1:3::1")));
    }

    private HashedClientKeyResolver resolver(String secret, Clock clock) {
        return new HashedClientKeyResolver(addresses, new DailyKeyring(secret, clock));
    }

    private static byte[] bytes(String address) {
        return NetUtil.createByteArrayFromIpAddressString(address);
    }

    /** A clock whose instant a test can move. */
    static final class SwitchableClock extends Clock {
        private Clock current;

        SwitchableClock(Clock start) {
            current = start;
        }

        void set(Clock next) {
            current = next;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return current.instant();
        }
    }
}
