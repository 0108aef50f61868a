package io.effortmap.journey.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Server-assigned identifiers: a short type prefix and url-safe random characters ({@code tp_3kT9x-Qa_0Zb}). They are
 * opaque and never derived from names, so they survive renames.
 */
public final class Ids {

    public static final String JOURNEY = "jr_";
    public static final String STAGE = "st_";
    public static final String TOUCHPOINT = "tp_";
    public static final String OPPORTUNITY = "op_";
    public static final String PERSONA = "pe_";
    public static final String INTERACTION = "ix_";

    /** Anything an id of ours can look like; other strings cannot name a stored object. */
    private static final Pattern SHAPE = Pattern.compile("^[a-z]{2}_[A-Za-z0-9_-]{12,16}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** {@code prefix} followed by 12 url-safe characters (72 random bits). */
    public static String newId(String prefix) {
        return prefix + random(9);
    }

    /** {@code prefix} followed by 16 url-safe characters (96 random bits), for high-volume records. */
    public static String newLongId(String prefix) {
        return prefix + random(12);
    }

    public static boolean isWellFormed(String id, String prefix) {
        return id != null && id.startsWith(prefix) && SHAPE.matcher(id).matches();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return ENCODER.encodeToString(b);
    }
}
