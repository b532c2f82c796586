package org.pilegate.metrics.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The networks clients may come from, as CIDR prefixes: {@code 10.0.0.0/8}, {@code fc00::/7}, {@code 127.0.0.1}. */
final class ClientNetworks {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Network(byte[] prefix, int bits) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int fullBytes = bits / 8;
            if (!Arrays.equals(address, 0, fullBytes, prefix, 0, fullBytes)) {
                return false;
            }
            int restBits = bits % 8;
            int mask = (0xFF << (8 - restBits)) & 0xFF;
            return restBits == 0 || (address[fullBytes] & mask) == (prefix[fullBytes] & mask);
        }
    }

    private final List<Network> networks;

    /**
     * @param cidrs the networks, each entry possibly a comma-separated list: a .cfg file and config:property-set
     *     hand over one string; {@code what} names the setting in the error message of a bad one
     * @throws IllegalArgumentException naming the setting and the entry that is not an IP address or CIDR prefix
     */
    ClientNetworks(String what, String... cidrs) {
        networks = Arrays.stream(cidrs).flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip).filter(cidr -> !cidr.isEmpty())
                .map(cidr -> parse(what, cidr)).toList();
    }

    /** Whether {@code address}, an IP literal, lies in one of the networks; false for anything else. */
    boolean allows(String address) {
        if (address == null) {
            return false;
        }
        // IPv6 literals may come in brackets or with a zone
        String literal = address.replace("[", "").replace("]", "").replaceFirst("%.*$", "");
        return ipLiteral(literal)
                .map(bytes -> networks.stream().anyMatch(network -> network.contains(bytes)))
                .orElse(false);
    }

    /**
     * The bytes of an IPv4 or IPv6 literal. Only literals: a host name would make the check wait for DNS, and
     * {@link InetAddress#getByName} looks up anything it cannot parse unless it contains a colon.
     */
    private static Optional<byte[]> ipLiteral(String text) {
        Matcher ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(ipv4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(bytes);
        }
        if (!IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Network parse(String what, String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] prefix = ipLiteral(address).orElseThrow(() -> new IllegalArgumentException(what + ": '" + cidr
                + "' is not an IP address or CIDR prefix such as 10.0.0.0/8 or fd00::/8"));
        int maxBits = prefix.length * 8;
        int bits;
        try {
            bits = slash < 0 ? maxBits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > maxBits) {
            throw new IllegalArgumentException(what + ": '" + cidr + "' has a prefix length that is not 0.."
                    + maxBits);
        }
        return new Network(prefix, bits);
    }
}
