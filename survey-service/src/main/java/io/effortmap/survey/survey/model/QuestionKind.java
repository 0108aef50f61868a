package io.effortmap.survey.survey.model;

/** What a question measures. */
public enum QuestionKind {
    /** Customer Effort Score. */
    CES,
    /** Customer Satisfaction. */
    CSAT,
    /** Net Promoter Score. */
    NPS,
    /** Free-text comment. */
    COMMENT
}
