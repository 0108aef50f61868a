package io.effortmap.journey.interaction.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * An ingested interaction in the {@code interactions} collection, or a gap marker.
 *
 * <p>{@code seq} is the feed position, unique across the collection. A gap marker ({@code gap = true}) occupies a
 * position that no interaction will ever take (see {@code InteractionFeedService}); it carries the sentinel key
 * ({@code workspace = ""}, {@code source = ""}, {@code externalId = seq}) so it never collides with a real
 * interaction in the idempotency index: real workspaces are never blank.
 */
@MongoEntity(collection = "interactions")
public class InteractionDocument {

    public static final String GAP_WORKSPACE = "";

    @BsonId
    public String id;
    public long seq;
    public boolean gap;
    public String workspace;
    public String source;
    public String externalId;
    public String customerId;
    public String journeyId;
    public String touchpointId;
    public String stageId;
    public String channel;
    public Instant occurredAt;
    /** Set right after the position was allocated; the feed uses it to date positions that never got a document. */
    public Instant receivedAt;
    public String outcome;
    public Long durationSeconds;
    public Map<String, String> segments;

    public static InteractionDocument gapMarker(long seq, Instant now) {
        InteractionDocument doc = new InteractionDocument();
        doc.id = "gap_" + seq;
        doc.seq = seq;
        doc.gap = true;
        doc.workspace = GAP_WORKSPACE;
        doc.source = GAP_WORKSPACE;
        doc.externalId = Long.toString(seq);
        doc.receivedAt = now;
        return doc;
    }
}
