package io.effortmap.journey.feed.service;

import io.effortmap.common.problem.ProblemException;
import java.util.regex.Pattern;

/** Feed positions on the wire: the sequence number zero-padded to 19 digits, so string order is feed order. */
public final class FeedPosition {

    public static final long START = 0;
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,19}$");

    private FeedPosition() {
    }

    public static String format(long seq) {
        return String.format("%019d", seq);
    }

    /** The position after which to read; absent means the beginning of the feed. */
    public static long parse(String after) {
        if (after == null || after.isEmpty()) {
            return START;
        }
        if (!DIGITS.matcher(after).matches()) {
            throw ProblemException.badRequest("after", "is not a position returned by this feed");
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("after", "is not a position returned by this feed");
        }
    }
}
