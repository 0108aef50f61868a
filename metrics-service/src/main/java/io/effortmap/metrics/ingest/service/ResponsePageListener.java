package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Told about every page of responses after its buckets are written and before the cursor passes it. A page can be
 * delivered again after a crash or a lost lease, so a listener must be idempotent; a failure makes the page be read
 * again, which is how nothing a listener must record gets lost.
 */
public interface ResponsePageListener {

    Uni<Void> onResponses(List<ResponseEvent> events);
}
