package io.effortmap.journey.support;

import jakarta.ws.rs.core.EntityTag;

/** Strong ETags carrying a document's version: {@code "3"}. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }
}
