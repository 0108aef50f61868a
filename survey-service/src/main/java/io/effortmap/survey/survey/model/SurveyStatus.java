package io.effortmap.survey.survey.model;

/**
 * DRAFT surveys can be edited and accept no responses; ACTIVE surveys have frozen questions and accept responses;
 * CLOSED surveys accept nothing any more. The only transitions are DRAFT to ACTIVE to CLOSED.
 */
public enum SurveyStatus {
    DRAFT,
    ACTIVE,
    CLOSED
}
