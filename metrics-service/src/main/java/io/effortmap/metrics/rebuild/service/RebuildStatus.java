package io.effortmap.metrics.rebuild.service;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Bucket generations and the progress of a running rebuild")
public record RebuildStatus(
        @Schema(description = "RUNNING while a rebuild fills a new generation, else IDLE", examples = "RUNNING")
        String state,
        @Schema(description = "Generation that answers queries", examples = "1")
        int activeGeneration,
        @Schema(description = "Generation being rebuilt from the feeds' beginning", examples = "2")
        Integer rebuildingGeneration,
        Instant startedAt,
        @Schema(examples = "otto")
        String requestedBy,
        @Schema(description = "Share of the items the live generation has read that the rebuild has read too, "
                + "0-0.99 while running (the live feeds keep growing)", examples = "0.42", nullable = true)
        Double progressShare,
        List<FeedProgress> feeds) {

    @Schema(description = "One change feed")
    public record FeedProgress(
            @Schema(examples = "survey-responses") String feed,
            @Schema(description = "Items the live generation has read since it started") long liveItems,
            @Schema(description = "Items the rebuild has read so far") Long rebuiltItems,
            @Schema(description = "The rebuild reached the feed's end") Boolean caughtUp) {
    }
}
