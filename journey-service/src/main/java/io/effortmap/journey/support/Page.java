package io.effortmap.journey.support;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list; pass {@code next} as {@code after} to continue, null when there is no more. */
public record Page<T>(List<T> items, @Schema(nullable = true) String next) {
}
