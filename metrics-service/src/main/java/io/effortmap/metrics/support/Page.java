package io.effortmap.metrics.support;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list; pass {@code next} as {@code after} to continue, null when there is no more. */
public record Page<T>(List<T> items, @Schema(nullable = true) String next) {

    /** {@code found} was read with one more than {@code limit}, which tells whether another page exists. */
    public static <D, T> Page<T> of(List<D> found, int limit, Function<D, T> view, Function<D, String> cursor) {
        boolean more = found.size() > limit;
        List<D> page = more ? found.subList(0, limit) : found;
        return new Page<>(page.stream().map(view).toList(), more ? cursor.apply(page.getLast()) : null);
    }
}
