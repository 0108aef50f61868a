package io.effortmap.survey.survey.model;

import java.util.List;

/**
 * The scale, scoring and default wording each (kind, variant) pair resolves to. The single place that knows which
 * variants a kind accepts, so adding a scale later is one entry here.
 */
public enum QuestionSpec {
    CES_AGREEMENT_7(QuestionKind.CES, QuestionVariant.AGREEMENT_7, 1, 7, Scoring.CES_AGREEMENT,
            "%s made it easy for me to handle my issue."),
    CES_EFFORT_5(QuestionKind.CES, QuestionVariant.EFFORT_5, 1, 5, Scoring.CES_EFFORT,
            "How much effort did you personally have to put forth to handle your request?"),
    CSAT_FIVE(QuestionKind.CSAT, QuestionVariant.FIVE, 1, 5, Scoring.CSAT,
            "How satisfied were you with %s?"),
    CSAT_SEVEN(QuestionKind.CSAT, QuestionVariant.SEVEN, 1, 7, Scoring.CSAT,
            "How satisfied were you with %s?"),
    NPS_ELEVEN(QuestionKind.NPS, null, 0, 10, Scoring.NPS,
            "How likely is it that you would recommend %s to a friend or colleague?"),
    COMMENT_TEXT(QuestionKind.COMMENT, null, null, null, Scoring.TEXT,
            "Is there anything else you would like to tell us?");

    public static final int DEFAULT_COMMENT_MAX_LENGTH = 2000;
    public static final int MAX_COMMENT_MAX_LENGTH = 5000;

    private final QuestionKind kind;
    private final QuestionVariant variant;
    private final Integer scaleMin;
    private final Integer scaleMax;
    private final Scoring scoring;
    private final String textTemplate;

    QuestionSpec(QuestionKind kind, QuestionVariant variant, Integer scaleMin, Integer scaleMax, Scoring scoring,
            String textTemplate) {
        this.kind = kind;
        this.variant = variant;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.scoring = scoring;
        this.textTemplate = textTemplate;
    }

    /** The spec for a kind and an optional variant; a null variant means the kind's default; null when they don't fit. */
    public static QuestionSpec resolve(QuestionKind kind, QuestionVariant variant) {
        for (QuestionSpec spec : values()) {
            if (spec.kind == kind && (variant == null || spec.variant == variant)) {
                return spec;
            }
        }
        return null;
    }

    /** Variants a kind accepts, for error messages; empty when the kind takes none. */
    public static List<QuestionVariant> variantsOf(QuestionKind kind) {
        return java.util.Arrays.stream(values()).filter(s -> s.kind == kind && s.variant != null).map(s -> s.variant).toList();
    }

    /** Default question text; {@code company} may be null, which reads "The company"/"the company". */
    public String defaultText(String company) {
        if (!textTemplate.contains("%s")) {
            return textTemplate;
        }
        boolean leading = textTemplate.startsWith("%s");
        String name = company != null ? company : leading ? "The company" : "the company";
        return textTemplate.formatted(name);
    }

    public QuestionKind kind() {
        return kind;
    }

    public QuestionVariant variant() {
        return variant;
    }

    public Integer scaleMin() {
        return scaleMin;
    }

    public Integer scaleMax() {
        return scaleMax;
    }

    public Scoring scoring() {
        return scoring;
    }

    public boolean scored() {
        return scaleMin != null;
    }
}
