package io.effortmap.common.rest;

/**
 * Whether a raw request path (as received, before any decoding) means the same thing to every component that reads
 * it. The gateway classifies, authenticates and rate-limits on the raw path while HTTP servers route on a normalized
 * one, so a path that normalizes differently ({@code /api/v1/public/../surveys}) could look public to the one and reach
 * an authenticated resource at the other. Such paths are refused with 400 rather than normalized: no client of this
 * API needs them, and a refusal cannot be interpreted two ways.
 *
 * <p>Refused: dot segments ({@code .}, {@code ..}, also written {@code %2e}), also where a component that decodes
 * {@code %2f} or {@code %5c} into separators would see one ({@code x%2f..%2fsurveys}); empty segments ({@code //});
 * backslashes; {@code ;} (matrix parameters, which servers strip before matching); percent-encoded control characters
 * and malformed percent-encoding. Encoded separators and {@code %3b} are otherwise allowed: this stack never decodes
 * them before routing, and ids chosen by partners (a CRM customer id {@code acct/42}) need them. One pass over the
 * path, no allocation when it is acceptable.
 */
public final class CanonicalPath {

    private CanonicalPath() {
    }

    /** Why the path is refused, or {@code null} when it is canonical. */
    public static String violation(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return "the path must start with '/'";
        }
        int length = path.length();
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            char c = i < length ? path.charAt(i) : '/';
            if (c == '/') {
                if (i == segmentStart && i < length) {
                    return "empty path segments ('//') are not allowed";
                }
                if (hasDotSegment(path, segmentStart, i)) {
                    return "dot segments ('.', '..', also encoded) are not allowed";
                }
                segmentStart = i + 1;
            } else if (c == '\\') {
                return "backslashes are not allowed in paths";
            } else if (c == ';') {
                return "';' (path parameters) is not allowed";
            } else if (c < 0x20 || c == 0x7f) {
                return "control characters are not allowed in paths";
            } else if (c == '%') {
                int value = i + 2 < length ? hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2)) : -1;
                if (value < 0) {
                    return "'%' must start a percent-encoded byte";
                }
                if (value < 0x20 || value == 0x7f) {
                    return "encoded control characters are not allowed in paths";
                }
            }
        }
        return null;
    }

    /**
     * Whether the segment, or a part of it between encoded separators ({@code %2f}, {@code %5c}), is {@code .} or
     * {@code ..}, each dot possibly written {@code %2e}.
     */
    private static boolean hasDotSegment(String path, int from, int to) {
        int dots = 0;
        boolean onlyDots = true;
        int i = from;
        while (i <= to) {
            if (i == to || isEncoded(path, i, to, '2', 'f') || isEncoded(path, i, to, '5', 'c')) {
                if (onlyDots && (dots == 1 || dots == 2)) {
                    return true;
                }
                dots = 0;
                onlyDots = true;
                i += i == to ? 1 : 3;
            } else if (path.charAt(i) == '.') {
                dots++;
                i++;
            } else if (isEncoded(path, i, to, '2', 'e')) {
                dots++;
                i += 3;
            } else {
                onlyDots = false;
                i++;
            }
        }
        return false;
    }

    /** {@code %<high><low>} at {@code i}, the low digit in either case. */
    private static boolean isEncoded(String path, int i, int to, char high, char low) {
        return i + 3 <= to && path.charAt(i) == '%' && path.charAt(i + 1) == high
                && (path.charAt(i + 2) == low || path.charAt(i + 2) == Character.toUpperCase(low));
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -256;
    }
}
