package dev.temppic.gateway.address;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * A CIDR range such as {@code 10.0.0.0/8} or {@code fd00::/8}, or a single address.
 *
 * <p>IPv4 ranges match only IPv4 addresses and IPv6 ranges only IPv6 addresses, so callers should pass IPv4-mapped
 * IPv6 addresses through {@link IpAddresses#normalize(byte[])} first.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException if the text is not an IP literal with an optional prefix length in range
     */
    public static IpRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (address == null) {
            throw new IllegalArgumentException("Invalid trusted proxy range '" + cidr
                    + "': expected an IP address or CIDR such as 10.0.0.0/8 or fd00::/8");
        }
        address = IpAddresses.normalize(address);
        int maxBits = address.length * 8;
        int prefix = maxBits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxBits) {
                throw new IllegalArgumentException("Invalid prefix length in trusted proxy range '" + cidr
                        + "': expected 0 to " + maxBits);
            }
        }
        return new IpRange(mask(address, prefix), prefix);
    }

    /** Returns whether {@code address} (4 or 16 bytes, already normalized) lies in this range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
    }
}
