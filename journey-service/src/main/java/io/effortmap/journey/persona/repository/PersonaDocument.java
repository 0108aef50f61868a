package io.effortmap.journey.persona.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/** A persona in the {@code personas} collection. */
@MongoEntity(collection = "personas")
public class PersonaDocument {

    @BsonId
    public String id;
    public String workspace;
    public String name;
    public String description;
    public List<String> goals;
    public List<String> frustrations;
    public Map<String, String> segments;
    /** Incremented by every write; the ETag and the guard of conditional updates. */
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public String createdBy;
}
