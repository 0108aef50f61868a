package io.effortmap.common.ids;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a value as one URL path segment for calls to another service: everything but unreserved characters is
 * percent-encoded, and so are dots, so that no value can ever become a {@code .} or {@code ..} segment that a server
 * would resolve against its neighbours. Ids are checked against their {@link IdShape} first; this is the second line.
 */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
