package dev.temppic.gateway.address;

import dev.temppic.gateway.GatewayProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Determines the address of the client that sent a request.
 *
 * <p>The socket peer is the client unless the peer lies in {@code temppic.gateway.trusted-proxies}. Only then is
 * {@code X-Forwarded-For} read, from right to left, skipping further trusted proxies: the first untrusted entry is the
 * client. Entries left of it were written by the client itself and are ignored, so a client cannot choose its own
 * rate-limit bucket. The address is used only in memory, as input to the rate-limit key.
 */
@Component
public class ClientAddressResolver {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpRange> trustedProxies;

    public ClientAddressResolver(GatewayProperties properties) {
        List<IpRange> ranges = new ArrayList<>();
        for (String cidr : properties.trustedProxies()) {
            ranges.add(IpRange.parse(cidr));
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    /**
     * Returns the client address as 4 (IPv4) or 16 (IPv6) bytes, or an empty array when the request has no socket
     * address (which the Netty server always provides).
     */
    public byte[] resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return new byte[0];
        }
        byte[] client = IpAddresses.normalize(remote.getAddress().getAddress());
        if (!isTrusted(client)) {
            return client;
        }
        List<String> entries = forwardedEntries(request);
        for (int i = entries.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parseForwardedEntry(entries.get(i));
            if (hop == null) {
                // Nothing left of a malformed entry can be trusted, so the client is taken to be the last valid hop.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedEntries(ServerHttpRequest request) {
        List<String> entries = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }
}
