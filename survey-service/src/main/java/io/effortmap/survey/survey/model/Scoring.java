package io.effortmap.survey.survey.model;

/** How metrics-service interprets a score; stored with every question and every answer. */
public enum Scoring {
    /** 1–7, higher is easier. */
    CES_AGREEMENT,
    /** 1–5, lower is easier. */
    CES_EFFORT,
    /** Higher is better (1–5 or 1–7). */
    CSAT,
    /** 0–10: promoters 9–10, detractors 0–6. */
    NPS,
    /** Free text, no score. */
    TEXT
}
