package dev.temppic.gateway.address;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;

/** Parsing and normalizing of IP address literals without any DNS lookup. */
public final class IpAddresses {

    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private IpAddresses() {
    }

    /**
     * Parses one entry of an {@code X-Forwarded-For} header: an IPv4 literal with an optional port, or an IPv6
     * literal, bracketed or not, with an optional port after the brackets.
     *
     * @return the normalized address bytes, or null when the entry is not an IP literal (a host name, "unknown",
     *         an obfuscated identifier)
     */
    public static byte @Nullable [] parseForwardedEntry(String entry) {
        String text = entry.trim();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            // Exactly one colon: IPv4 with a port. An unbracketed IPv6 literal has at least two.
            text = text.substring(0, text.indexOf(':'));
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(text);
        return address == null ? null : normalize(address);
    }

    /** Converts an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) to its 4-byte IPv4 form. */
    public static byte[] normalize(byte[] address) {
        if (address.length == 16
                && Arrays.equals(address, 0, IPV4_MAPPED_PREFIX.length, IPV4_MAPPED_PREFIX, 0, IPV4_MAPPED_PREFIX.length)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }
}
