package io.effortmap.journey.support;

import java.util.List;

/** One page of a keyset-paginated list; pass {@code next} as {@code after} to continue, null when there is no more. */
public record Page<T>(List<T> items, String next) {
}
