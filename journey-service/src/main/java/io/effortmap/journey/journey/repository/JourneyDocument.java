package io.effortmap.journey.journey.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A journey map as stored in the {@code journeys} collection: one document per journey with its stages and touchpoints
 * embedded, so a journey is read and written atomically. Enum values are stored as their wire strings.
 */
@MongoEntity(collection = "journeys")
public class JourneyDocument {

    @BsonId
    public String id;
    public String workspace;
    public String name;
    public String description;
    public String owner;
    public List<String> personaIds;
    public String status;
    /** Number of the latest version in {@code journey_versions}; null until the first publish. */
    public Integer publishedVersion;
    /** Incremented by every write; the ETag and the optimistic-concurrency guard of later updates. */
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public String createdBy;
    public List<StageDocument> stages;

    public static class StageDocument {
        public String id;
        public String name;
        public List<TouchpointDocument> touchpoints;
    }

    public static class TouchpointDocument {
        public String id;
        public String name;
        public String channel;
        public String ownerTeam;
        public String description;
        public List<String> painPoints;
        public List<OpportunityDocument> opportunities;
        public Integer expectedEmotion;
        public TargetsDocument targets;
    }

    public static class OpportunityDocument {
        public String id;
        public String text;
        public String owner;
        public String status;
    }

    public static class TargetsDocument {
        /** CES target on the 1–7 agreement scale (the only CES target before targets named their method). */
        public Double ces;
        /** CES target on the 1–5 effort scale. */
        public Double cesEffort;
        /** Share of satisfied answers, 0–1. */
        public Double csatShare;
        /**
         * The CSAT target as a percentage (0–100), as journeys written before the API's one number convention hold
         * it; read as {@code csat / 100} and never written again.
         */
        public Double csat;
        public Double nps;
    }
}
