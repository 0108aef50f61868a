package io.effortmap.survey.survey.repository;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;
import io.effortmap.survey.survey.model.Scoring;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One question as stored: the scale and scoring are resolved at creation and never recomputed. */
@Embeddable
public class SurveyQuestion {

    @Column(name = "question_key", nullable = false)
    public String key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public QuestionKind kind;

    @Enumerated(EnumType.STRING)
    public QuestionVariant variant;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public boolean required;

    @Column(name = "scale_min")
    public Integer scaleMin;

    @Column(name = "scale_max")
    public Integer scaleMax;

    @Column(name = "max_length")
    public Integer maxLength;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Scoring scoring;
}
