package io.effortmap.journey.journey.rest;

/** OpenAPI examples of the journey endpoints, shared by several operations. */
final class Examples {

    static final String TOUCHPOINT_REQUEST = """
            {"name": "Checkout", "channel": "web", "ownerTeam": "Digital", "description": "Pay and confirm",
             "painPoints": ["Slow to load"], "opportunities": [{"text": "Cache assets", "owner": "web-team", "status": "planned"}],
             "expectedEmotion": 1, "targets": {"CES_AGREEMENT": 5.5, "CES_EFFORT": 2, "CSATShare": 0.8, "NPS": 30}}""";

    static final String CREATE_REQUEST = """
            {"name": "Online purchase", "description": "From first visit to first order", "owner": "cx-team@example.com",
             "personaIds": ["pe_3kT9xQa0Zb1c"],
             "stages": [{"name": "Buy", "touchpoints": [""" + TOUCHPOINT_REQUEST + "]}]}";

    static final String REPLACE_REQUEST = """
            {"name": "Online purchase", "description": "From first visit to first order", "owner": "cx-team@example.com",
             "personaIds": [],
             "stages": [{"id": "st_Qm2cX0aZb9Lp", "name": "Buy", "touchpoints": [
               {"id": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "channel": "web"},
               {"name": "Order confirmation mail", "channel": "email"}]},
              {"name": "Post-Purchase"}]}""";

    static final String JOURNEY = """
            {"id": "jr_5fGh7JkL9mNp", "name": "Online purchase", "description": "From first visit to first order",
             "owner": "cx-team@example.com", "personaIds": ["pe_3kT9xQa0Zb1c"], "status": "DRAFT", "version": 3,
             "publishedVersion": null, "createdAt": "2026-11-01T10:00:00Z", "updatedAt": "2026-11-01T10:05:00Z",
             "stages": [{"id": "st_Qm2cX0aZb9Lp", "name": "Buy", "touchpoints": [
               {"id": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "channel": "web", "ownerTeam": "Digital",
                "description": "Pay and confirm", "painPoints": ["Slow to load"],
                "opportunities": [{"id": "op_Zx3Cv5Bn7Mq1", "text": "Cache assets", "owner": "web-team", "status": "planned"}],
                "expectedEmotion": 1, "targets": {"CES": 5.5, "CES_AGREEMENT": 5.5, "CES_EFFORT": 2, "CSATShare": 0.8, "NPS": 30}}]}]}""";

    static final String STALE = """
            {"type": "about:blank", "title": "Precondition Failed", "status": 412,
             "detail": "The journey was changed since you read it; read it again and reapply your change"}""";

    static final String UNKNOWN_ID = """
            {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
             "detail": "stages[0].touchpoints[1].id: is not a touchpoint of this journey; omit it for a new touchpoint",
             "errors": [{"field": "stages[0].touchpoints[1].id",
                         "message": "is not a touchpoint of this journey; omit it for a new touchpoint"}]}""";

    private Examples() {
    }
}
