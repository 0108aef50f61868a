package io.effortmap.common.logging;

/** The {@code X-Request-Id} that ties the gateway's and the services' log lines of one request together. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** MDC key; the log formats print it with {@code %X{requestId}}. */
    public static final String MDC_KEY = "requestId";
    private static final int MAX_LENGTH = 200;

    private RequestIds() {
    }

    /**
     * Whether a caller's id may be kept and logged as is: 1 to 200 visible ASCII characters, so it can neither forge
     * log lines (no control characters) nor bloat them.
     */
    public static boolean acceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
