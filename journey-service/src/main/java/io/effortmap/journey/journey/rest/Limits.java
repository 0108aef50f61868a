package io.effortmap.journey.journey.rest;

/**
 * Size bounds of a journey map. Together they keep the largest possible journey document (300 touchpoints of about
 * 10,000 characters each) well below MongoDB's 16 MB document limit.
 */
public final class Limits {

    public static final int NAME = 200;
    public static final int DESCRIPTION = 2000;
    public static final int SHORT_TEXT = 300;
    public static final int STAGES = 20;
    public static final int TOUCHPOINTS_PER_STAGE = 100;
    public static final int TOUCHPOINTS_PER_JOURNEY = 300;
    public static final int PAIN_POINTS = 10;
    public static final int OPPORTUNITIES = 10;
    public static final int PERSONA_ITEMS = 20;
    public static final int PERSONAS_PER_JOURNEY = 20;

    private Limits() {
    }
}
