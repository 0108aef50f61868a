package io.effortmap.metrics.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Server-assigned identifiers: a type prefix, 9 base-36 digits of the creation millisecond and 12 url-safe random
 * characters ({@code al_mhq2x8z1aK3j9-Qx_0Zb1c}). Newer ids sort after older ones, so keyset pages can list the
 * newest first by id alone.
 */
public final class Ids {

    public static final String RULE = "ar_";
    public static final String ALERT = "al_";
    public static final String WEBHOOK = "wh_";

    private static final Pattern SHAPE = Pattern.compile("^[a-z]{2}_[0-9a-z]{9}[A-Za-z0-9_-]{12}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    public static String newId(String prefix, Instant at) {
        String time = Long.toString(at.toEpochMilli(), 36);
        byte[] random = new byte[9];
        RANDOM.nextBytes(random);
        return prefix + "0".repeat(Math.max(0, 9 - time.length())) + time + ENCODER.encodeToString(random);
    }

    /** What an id of {@code prefix} looks like, for messages naming a malformed one. */
    public static String expectation(String kind, String prefix) {
        return "must be " + kind + " id (" + prefix + " followed by 21 letters, digits, '_' or '-')";
    }

    /** Anything else cannot name a stored object, so it is answered 404 without a query. */
    public static boolean isWellFormed(String id, String prefix) {
        return id != null && id.startsWith(prefix) && SHAPE.matcher(id).matches();
    }
}
