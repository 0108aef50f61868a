package io.effortmap.survey.feed.service;

import io.effortmap.common.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * A place in the feed: the inserting transaction's id ({@code xid8}, unsigned 64-bit) and the row's sequence number,
 * written as {@code 20 digits:19 digits} so plain string comparison follows feed order.
 */
public record FeedPosition(long txId, long seq) {

    public static final FeedPosition START = new FeedPosition(0, 0);
    private static final Pattern FORMAT = Pattern.compile("^\\d{20}:\\d{19}$");

    public static FeedPosition parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        if (FORMAT.matcher(text).matches()) {
            try {
                return new FeedPosition(Long.parseUnsignedLong(text.substring(0, 20)), Long.parseLong(text.substring(21)));
            } catch (NumberFormatException e) {
                // out of range: answered below
            }
        }
        throw ProblemException.badRequest("after", "is not a position returned by this feed");
    }

    /** The xid8 as PostgreSQL prints it. */
    public String txIdText() {
        return Long.toUnsignedString(txId);
    }

    @Override
    public String toString() {
        String tx = Long.toUnsignedString(txId);
        String s = Long.toString(seq);
        return "0".repeat(20 - tx.length()) + tx + ":" + "0".repeat(19 - s.length()) + s;
    }
}
