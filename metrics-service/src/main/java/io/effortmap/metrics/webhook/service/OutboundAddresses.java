package io.effortmap.metrics.webhook.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where webhooks may be delivered: public internet addresses only, unless private ones are allowed (development,
 * tests, an on-premises receiver). A cx-admin chooses the url, so without this a subscription could make the service
 * POST to its own network: cloud metadata (169.254.169.254), databases, admin endpoints. Checked twice: literal
 * addresses and local names when a subscription is saved, and every resolved address just before each delivery, which
 * then connects to the address it checked (a name cannot resolve to a public address for the check and to a private
 * one for the connection).
 */
final class OutboundAddresses {

    private static final Pattern DOTTED_QUAD = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
    /** Shorthand IPv4 forms (2130706433, 127.1) that clients read as addresses; refused rather than interpreted. */
    private static final Pattern NUMERIC = Pattern.compile("^[0-9.]+$");

    private OutboundAddresses() {
    }

    /** Why a url's host is refused when saving a subscription, or null. Names are resolved only at delivery. */
    static String refusedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return "must not point at this machine (" + host + ")";
        }
        boolean literal = h.startsWith("[") || DOTTED_QUAD.matcher(h).matches();
        if (!literal) {
            return NUMERIC.matcher(h).matches() ? "must be a host name or a dotted IPv4 address" : null;
        }
        try {
            // A dotted quad or a bracketed IPv6 literal parses without any lookup (this runs on the event loop).
            InetAddress address = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
            return isPublic(address) ? null : "must be a public address, not " + address.getHostAddress();
        } catch (UnknownHostException e) {
            return "is not a valid address";
        }
    }

    /** The first address to connect to, when every address the name resolved to is public; else null. */
    static InetAddress firstIfAllPublic(List<InetAddress> resolved) {
        if (resolved.isEmpty() || !resolved.stream().allMatch(OutboundAddresses::isPublic)) {
            return null;
        }
        return resolved.getFirst();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if (isIpv4Mapped(b)) {
                return isPublicIpv4(b[12] & 0xff, b[13] & 0xff);
            }
            int first = b[0] & 0xff;
            // fc00::/7 unique local, 2001:db8::/32 documentation, 64:ff9b::/96 may translate to any IPv4 address.
            return (first & 0xfe) != 0xfc && !(first == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)
                    && !(first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b);
        }
        return address instanceof Inet4Address && isPublicIpv4(b[0] & 0xff, b[1] & 0xff);
    }

    /** Special-use IPv4 blocks (RFC 6890) beyond what InetAddress classifies, by their first two octets. */
    private static boolean isPublicIpv4(int a, int b) {
        return a != 0 && a != 10 && a != 127 && !(a == 100 && b >= 64 && b <= 127) && !(a == 169 && b == 254)
                && !(a == 172 && b >= 16 && b <= 31) && !(a == 192 && b == 168) && !(a == 192 && b == 0)
                && !(a == 198 && (b == 18 || b == 19)) && a < 224;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
