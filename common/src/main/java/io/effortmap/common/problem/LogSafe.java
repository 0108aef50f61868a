package io.effortmap.common.problem;

import java.util.Set;

/**
 * Text as it may appear in logs. Invitation tokens are credentials (whoever holds one answers the survey), so they
 * are masked wherever they could show up:
 * <ul>
 * <li>in respondent paths, every segment after the credential's position is masked, whatever it looks like (a mistyped
 * or truncated token is still most of a secret): {@code /api/v1/public/surveys/***}{@code /responses} and
 * {@code /s/***}, also inside URLs, with dot segments or in another case ({@code /API/V1/PUBLIC/...});</li>
 * <li>anywhere in the text, every run of exactly 43 url-safe base64 characters (the shape of a token) is masked,
 * e.g. in a query string or an exception message.</li>
 * </ul>
 * Text that needs nothing is returned as is after one pass over it, without allocating.
 */
public final class LogSafe {

    public static final String MASK = "***";
    /** url-safe base64 of 32 bytes without padding: the invitation token's length. */
    private static final int TOKEN_LENGTH = 43;
    /** Literal words of respondent paths that follow the credential and say which operation it was. */
    private static final Set<String> KEPT = Set.of("responses");

    private LogSafe() {
    }

    public static String path(String path) {
        return text(path);
    }

    public static String text(String text) {
        if (text == null || !needsMasking(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (isDelimiter(text.charAt(i))) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = i;
            while (end < n && !isDelimiter(text.charAt(end))) {
                end++;
            }
            maskRespondentPath(text, i, end, out);
            i = end;
        }
        return maskTokenShapes(out);
    }

    /** One pass: a respondent path marker ({@code /public/}, {@code /s/}) or a token-shaped run. */
    static boolean needsMasking(String text) {
        int run = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isTokenChar(c)) {
                run++;
                continue;
            }
            if (run == TOKEN_LENGTH) {
                return true;
            }
            run = 0;
            if (c == '/' && (text.regionMatches(true, i + 1, "public/", 0, 7) || text.regionMatches(true, i + 1, "s/", 0, 2))) {
                return true;
            }
        }
        return run == TOKEN_LENGTH;
    }

    /** Copies one delimiter-free run, masking the segments after a respondent credential's position. */
    private static void maskRespondentPath(String text, int start, int end, StringBuilder out) {
        int maskFrom = Integer.MAX_VALUE;
        int index = 0;
        int segmentStart = start;
        for (int j = start; j <= end; j++) {
            if (j < end && text.charAt(j) != '/') {
                continue;
            }
            int length = j - segmentStart;
            if (index >= maskFrom && length > 0 && !kept(text, segmentStart, length)) {
                out.append(MASK);
            } else {
                out.append(text, segmentStart, j);
            }
            if (maskFrom == Integer.MAX_VALUE) {
                if (length == 6 && text.regionMatches(true, segmentStart, "public", 0, 6)) {
                    maskFrom = index + 2; // public/{kind}/{credential}
                } else if (length == 1 && (text.charAt(segmentStart) == 's' || text.charAt(segmentStart) == 'S')
                        && segmentStart > start) {
                    maskFrom = index + 1; // s/{credential}: the hosted survey page
                }
            }
            if (j < end) {
                out.append('/');
            }
            index++;
            segmentStart = j + 1;
        }
    }

    private static boolean kept(String text, int from, int length) {
        for (String word : KEPT) {
            if (word.length() == length && text.regionMatches(from, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static String maskTokenShapes(StringBuilder text) {
        int run = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && isTokenChar(text.charAt(i))) {
                run++;
                continue;
            }
            if (run == TOKEN_LENGTH) {
                text.replace(i - run, i, MASK);
                i = i - run + MASK.length();
            }
            run = 0;
        }
        return text.toString();
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Characters that end a path inside free text (a log message, an exception message, a query string). */
    private static boolean isDelimiter(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || c == '(' || c == ')'
                || c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == '?' || c == '#' || c == '|';
    }
}
