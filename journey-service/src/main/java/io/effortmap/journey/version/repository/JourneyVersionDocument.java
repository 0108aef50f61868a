package io.effortmap.journey.version.repository;

import io.effortmap.journey.journey.repository.JourneyDocument.StageDocument;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * An immutable published version of a journey in {@code journey_versions}: a copy of the journey's content at
 * publication. Never updated, so ids of touchpoints removed later stay resolvable here.
 */
@MongoEntity(collection = "journey_versions")
public class JourneyVersionDocument {

    @BsonId
    public String id;
    public String workspace;
    public String journeyId;
    /** 1, 2, … per journey; unique with workspace and journeyId. */
    public int number;
    /** The journey's version (ETag) that was published. */
    public long journeyVersion;
    public Instant publishedAt;
    public String publishedBy;
    public String name;
    public String description;
    public String owner;
    public List<String> personaIds;
    public List<StageDocument> stages;
    /**
     * Every touchpoint id of {@code stages}, flat: matching an id inside the doubly nested stages/touchpoints arrays is
     * something not every MongoDB-compatible server answers alike, a top-level array is.
     */
    public List<String> touchpointIds;
}
