package io.effortmap.survey.survey.model;

/** DRAFT surveys can be changed and accept no responses; ACTIVE surveys have frozen questions and accept responses. */
public enum SurveyStatus {
    DRAFT,
    ACTIVE
}
