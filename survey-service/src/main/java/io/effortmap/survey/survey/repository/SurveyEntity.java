package io.effortmap.survey.survey.repository;

import io.effortmap.survey.survey.model.SurveyStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A survey of one workspace, tied to one journey touchpoint. Questions are frozen once it is ACTIVE. */
@Entity
@Table(name = "survey")
public class SurveyEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String workspace;

    @Column(nullable = false)
    public String name;

    @Column(name = "journey_id", nullable = false)
    public String journeyId;

    @Column(name = "touchpoint_id", nullable = false)
    public String touchpointId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyStatus status;

    /** Optimistic lock, exposed as the ETag. */
    @Version
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "company_name")
    public String companyName;

    /** The questions' language (e.g. {@code de}); null when not set. */
    public String language;

    @Column(name = "previous_version_id", updatable = false)
    public UUID previousVersionId;

    /** Loaded only by the repository's fetch queries (Hibernate Reactive never lazy-loads implicitly). */
    @ElementCollection
    @CollectionTable(name = "survey_question", joinColumns = @JoinColumn(name = "survey_id"))
    @OrderColumn(name = "position")
    public List<SurveyQuestion> questions = new ArrayList<>();
}
