package io.effortmap.common.problem;

import java.util.regex.Pattern;

/** Paths as they may appear in logs: respondent invitation tokens are credentials and are masked. */
public final class LogSafe {

    private static final String PUBLIC_PREFIX = "/api/v1/public/";
    private static final Pattern PUBLIC_TOKEN = Pattern.compile("(/api/v1/public/[^/]+/)[^/?]+");

    private LogSafe() {
    }

    public static String path(String path) {
        // The gateway logs every request: skip the regex (and its allocations) for the paths that hold no token.
        if (path == null || !path.contains(PUBLIC_PREFIX)) {
            return path;
        }
        return PUBLIC_TOKEN.matcher(path).replaceFirst("$1***");
    }
}
