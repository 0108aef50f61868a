package io.effortmap.survey.survey.model;

/** The scale a scored question uses. Only some variants fit each kind (see {@link QuestionSpec}). */
public enum QuestionVariant {
    /** CES 2.0: "The company made it easy for me to handle my issue", 1 (strongly disagree) to 7 (strongly agree). */
    AGREEMENT_7,
    /** CES 1.0: "How much effort did you personally have to put forth", 1 (very low) to 5 (very high). */
    EFFORT_5,
    /** CSAT on 1 to 5. */
    FIVE,
    /** CSAT on 1 to 7. */
    SEVEN
}
