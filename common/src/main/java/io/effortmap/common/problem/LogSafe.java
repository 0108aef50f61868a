package io.effortmap.common.problem;

import java.util.regex.Pattern;

/** Paths as they may appear in logs: respondent invitation tokens are credentials and are masked. */
public final class LogSafe {

    private static final Pattern PUBLIC_TOKEN = Pattern.compile("(/api/v1/public/[^/]+/)[^/?]+");

    private LogSafe() {
    }

    public static String path(String path) {
        return path == null ? null : PUBLIC_TOKEN.matcher(path).replaceFirst("$1***");
    }
}
