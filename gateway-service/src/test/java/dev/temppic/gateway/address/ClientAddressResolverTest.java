package dev.temppic.gateway.address;

import dev.temppic.gateway.GatewayProperties;
import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressResolverTest {

    final ClientAddressResolver resolver = new ClientAddressResolver(new GatewayProperties(null, null, null,
            List.of("10.0.0.0/8", "fd00::/8", "192.0.2.10")));

    @Test
    void untrustedPeerIgnoresForwardedFor() {
        assertThat(resolve("203.0.113.5", "198.51.100.1")).isEqualTo("203.0.113.5");
    }

    @Test
    void trustedPeerUsesRightmostUntrustedEntry() {
        assertThat(resolve("10.1.2.3", "198.51.100.66, 203.0.113.9, 10.9.9.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void multipleHeadersReadInOrder() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 4000))
                .header("X-Forwarded-For", "198.51.100.66")
                .header("X-Forwarded-For", "203.0.113.9")
                .build();

        assertThat(NetUtil.bytesToIpAddress(resolver.resolve(request))).isEqualTo("203.0.113.9");
    }

    @Test
    void allTrustedUsesLeftmost() {
        assertThat(resolve("10.1.2.3", "10.0.0.7, 10.0.0.8")).isEqualTo("10.0.0.7");
    }

    @Test
    void trustedPeerWithoutHeaderIsClient() {
        assertThat(resolve("192.0.2.10", null)).isEqualTo("192.0.2.10");
    }

    @Test
    void malformedEntryStopsAtLastValidHop() {
        assertThat(resolve("10.1.2.3", "203.0.113.9, unknown, 10.0.0.8")).isEqualTo("10.0.0.8");
        assertThat(resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
    }

    @Test
    void portsAndBracketsAccepted() {
        assertThat(resolve("10.1.2.3", "203.0.113.9:5555")).isEqualTo("203.0.113.9");
        assertThat(resolve("10.1.2.3", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(resolve("10.1.2.3", "2001:db8::2")).isEqualTo("2001:db8::2");
    }

    @Test
    void ipv4MappedPeerMatchesIpv4Range() {
        assertThat(resolve("::ffff:10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void ipv6TrustedRange() {
        assertThat(resolve("fd12::1", "198.51.100.23")).isEqualTo("198.51.100.23");
        assertThat(resolve("2001:db8::5", "198.51.100.23")).isEqualTo("2001:db8::5");
    }

    @Test
    void invalidRangeRejectedAtStartup() {
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("expected 0 to 32");
        assertThatThrownBy(() -> IpRange.parse("proxy.internal")).hasMessageContaining("Invalid trusted proxy range");
    }

    @Test
    void rangeMatchesOnlyItsPrefix() {
        IpRange range = IpRange.parse("172.16.0.0/12");

        assertThat(range.contains(NetUtil.createByteArrayFromIpAddressString("172.31.255.255"))).isTrue();
        assertThat(range.contains(NetUtil.createByteArrayFromIpAddressString("172.32.0.0"))).isFalse();
        assertThat(range.contains(NetUtil.createByteArrayFromIpAddressString("::1"))).isFalse();
    }

    private String resolve(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress(peer, 4000));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return NetUtil.bytesToIpAddress(resolver.resolve(builder.build()));
    }
}
