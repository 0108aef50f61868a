package io.effortmap.survey.survey.service;

import java.util.HashSet;
import java.util.Set;

/**
 * A parsed {@code If-Match} header. Survey ETags are {@code "<version>"}; {@code *} matches any existing survey; a
 * value that is no survey ETag matches nothing (412), as RFC 9110 requires of an unknown tag.
 */
public record IfMatch(boolean any, Set<Integer> versions) {

    /** Null when the header is absent: the precondition is then not checked. */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Set<Integer> versions = new HashSet<>();
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.equals("*")) {
                return new IfMatch(true, Set.of());
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2); // weak tags never match strongly, but a client sending one means this version
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                versions.add(Integer.parseInt(tag));
            } catch (NumberFormatException e) {
                // not one of ours: matches nothing
            }
        }
        return new IfMatch(false, Set.copyOf(versions));
    }

    public boolean matches(int version) {
        return any || versions.contains(version);
    }
}
