package io.effortmap.survey.shared;

/** Example bodies for the OpenAPI document (annotation values must be compile-time constants). */
public final class ApiExamples {

    public static final String SURVEY_ID = "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10";
    public static final String RESPONSE_ID = "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80";

    public static final String CREATE_SURVEY = """
            {"name": "Password reset follow-up", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme",
             "questions": [{"key": "ces", "kind": "CES"},
                           {"key": "nps", "kind": "NPS", "required": false},
                           {"key": "comment", "kind": "COMMENT", "maxLength": 500}]}""";

    public static final String SURVEY = """
            {"id": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "name": "Password reset follow-up", "journeyId": "jr_5fGh7JkL9mNp",
             "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme", "status": "DRAFT", "version": 0,
             "createdAt": "2026-11-22T12:00:00.123456Z", "updatedAt": "2026-11-22T12:00:00.123456Z",
             "activatedAt": null, "closedAt": null, "previousVersionId": null,
             "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                            "text": "Acme made it easy for me to handle my issue.", "required": true,
                            "scaleMin": 1, "scaleMax": 7, "maxLength": null, "scoring": "CES_AGREEMENT"},
                           {"key": "comment", "kind": "COMMENT", "variant": null,
                            "text": "Is there anything else you would like to tell us?", "required": false,
                            "scaleMin": null, "scaleMax": null, "maxLength": 500, "scoring": "TEXT"}]}""";

    public static final String ACTIVE_SURVEY = """
            {"id": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "name": "Password reset follow-up", "journeyId": "jr_5fGh7JkL9mNp",
             "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme", "status": "ACTIVE", "version": 1,
             "createdAt": "2026-11-22T12:00:00.123456Z", "updatedAt": "2026-11-22T12:05:00.654321Z",
             "activatedAt": "2026-11-22T12:05:00.654321Z", "closedAt": null, "previousVersionId": null,
             "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                            "text": "Acme made it easy for me to handle my issue.", "required": true,
                            "scaleMin": 1, "scaleMax": 7, "maxLength": null, "scoring": "CES_AGREEMENT"}]}""";

    public static final String CLOSED_SURVEY = """
            {"id": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "name": "Password reset follow-up", "journeyId": "jr_5fGh7JkL9mNp",
             "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme", "status": "CLOSED", "version": 2,
             "createdAt": "2026-11-22T12:00:00.123456Z", "updatedAt": "2026-12-01T09:00:00Z",
             "activatedAt": "2026-11-22T12:05:00.654321Z", "closedAt": "2026-12-01T09:00:00Z",
             "previousVersionId": null,
             "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                            "text": "Acme made it easy for me to handle my issue.", "required": true,
                            "scaleMin": 1, "scaleMax": 7, "maxLength": null, "scoring": "CES_AGREEMENT"}]}""";

    public static final String NEW_VERSION = """
            {"id": "5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6", "name": "Password reset follow-up", "journeyId": "jr_5fGh7JkL9mNp",
             "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme", "status": "DRAFT", "version": 0,
             "createdAt": "2026-12-01T09:10:00Z", "updatedAt": "2026-12-01T09:10:00Z",
             "activatedAt": null, "closedAt": null, "previousVersionId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
             "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                            "text": "Acme made it easy for me to handle my issue.", "required": true,
                            "scaleMin": 1, "scaleMax": 7, "maxLength": null, "scoring": "CES_AGREEMENT"}]}""";

    public static final String SURVEY_PAGE = """
            {"items": [{"id": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "name": "Password reset follow-up",
                        "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "companyName": "Acme", "status": "ACTIVE",
                        "version": 1, "createdAt": "2026-11-22T12:00:00.123456Z",
                        "updatedAt": "2026-11-22T12:05:00.654321Z", "activatedAt": "2026-11-22T12:05:00.654321Z",
                        "closedAt": null, "previousVersionId": null,
                        "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                                       "text": "Acme made it easy for me to handle my issue.", "required": true,
                                       "scaleMin": 1, "scaleMax": 7, "maxLength": null, "scoring": "CES_AGREEMENT"}]}],
             "next": "MTc2Mzg5MjgwMDEyMzQ1NjowYjlhNGM1Mi0zZjBlLTRkNTUtOWQxZS02YzJmOGE3ZTViMTA"}""";

    public static final String SUBMIT_RESPONSE = """
            {"surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "customerId": "c-1", "channel": "web",
             "occurredAt": "2026-11-01T10:00:00Z", "interactionId": "int-9", "segments": {"region": "EU"},
             "answers": [{"questionKey": "ces", "score": 6}, {"questionKey": "comment", "text": "Quick"}]}""";

    public static final String RESPONSE = """
            {"id": "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80", "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
             "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "customerId": "c-1", "channel": "web",
             "interactionId": "int-9", "segments": {"region": "EU"}, "occurredAt": "2026-11-01T10:00:00Z",
             "receivedAt": "2026-11-22T12:00:00.123456Z",
             "answers": [{"questionKey": "ces", "kind": "CES", "scaleMin": 1, "scaleMax": 7,
                          "scoring": "CES_AGREEMENT", "score": 6, "text": null},
                         {"questionKey": "comment", "kind": "COMMENT", "scaleMin": null, "scaleMax": null,
                          "scoring": "TEXT", "score": null, "text": "Quick"}]}""";

    public static final String RESPONSE_PAGE = """
            {"items": [{"id": "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80",
                        "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "journeyId": "jr_5fGh7JkL9mNp",
                        "touchpointId": "tp_8Hn2Lq0xWc4R", "customerId": "c-1", "channel": "web", "interactionId": "int-9",
                        "segments": {"region": "EU"}, "occurredAt": "2026-11-01T10:00:00Z",
                        "receivedAt": "2026-11-22T12:00:00.123456Z",
                        "answers": [{"questionKey": "ces", "kind": "CES", "scaleMin": 1, "scaleMax": 7,
                                     "scoring": "CES_AGREEMENT", "score": 6, "text": null}]}],
             "next": "MTc2MTk5MTIwMDAwMDAwMDo3ZDNmMWUyYS05YzRiLTRlOGYtYTFkMi0zYjRjNWQ2ZTdmODA"}""";

    public static final String EXPORT_CSV = "id,surveyId,journeyId,touchpointId,customerId,channel,interactionId,"
            + "occurredAt,receivedAt,segments,ces,comment\r\n"
            + "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80,0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10,jr_5fGh7JkL9mNp,tp_8Hn2Lq0xWc4R,c-1,web,int-9,"
            + "2026-11-01T10:00:00Z,2026-11-22T12:00:00.123456Z,\"{\"\"region\"\":\"\"EU\"\"}\",6,\"Quick, thanks\"\r\n";

    public static final String EXPORT_NDJSON = """
            {"id":"7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80","surveyId":"0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10","journeyId":"jr_5fGh7JkL9mNp","touchpointId":"tp_8Hn2Lq0xWc4R","customerId":"c-1","channel":"web","interactionId":"int-9","segments":{"region":"EU"},"occurredAt":"2026-11-01T10:00:00Z","receivedAt":"2026-11-22T12:00:00.123456Z","answers":[{"questionKey":"ces","kind":"CES","scaleMin":1,"scaleMax":7,"scoring":"CES_AGREEMENT","score":6,"text":null}]}
            """;

    public static final String BULK_RESPONSES = """
            {"items": [{"externalId": "crm-123", "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
                        "customerId": "c-1", "channel": "email", "occurredAt": "2026-11-01T10:00:00Z",
                        "answers": [{"questionKey": "ces", "score": 6}]},
                       {"externalId": "crm-124", "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
                        "customerId": "c-2", "channel": "phone", "occurredAt": "2026-11-01T11:00:00Z",
                        "answers": [{"questionKey": "ces", "score": 9}]}]}""";

    public static final String BULK_RESPONSES_RESULT = """
            {"accepted": 1, "duplicates": 0, "rejected": 1,
             "results": [{"index": 0, "externalId": "crm-123", "status": "accepted",
                          "id": "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80", "errors": []},
                         {"index": 1, "externalId": "crm-124", "status": "rejected", "id": null,
                          "errors": [{"field": "answers[0].score", "message": "must be from 1 to 7"}]}]}""";

    public static final String IMPORT_CSV = "external_id,respondent,submitted_at,score,comment\r\n"
            + "exp-1001,c-1,2026-11-01T10:00:00Z,6,\"Quick, thanks\"\r\n"
            + "exp-1002,c-2,2026-11-01 11:30:00,9,\r\n";

    public static final String IMPORT_RESULT = """
            {"accepted": 1, "duplicates": 0, "rejected": 1,
             "results": [{"row": 2, "externalId": "exp-1001", "status": "accepted",
                          "id": "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80", "errors": []},
                         {"row": 3, "externalId": "exp-1002", "status": "rejected", "id": null,
                          "errors": [{"field": "score", "message": "row 3: score 9 must be from 1 to 7"}]}]}""";

    public static final String PROBLEM_400_IMPORT_COLUMN = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "scoreColumn: the header has no column 'score'; name the column with scoreColumn (it has: external_id, respondent, submitted_at, rating)",
             "instance": "/api/v1/responses/import",
             "errors": [{"field": "scoreColumn", "message": "the header has no column 'score'; name the column with scoreColumn (it has: external_id, respondent, submitted_at, rating)"}]}""";

    public static final String PROBLEM_404_IMPORT_SURVEY = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No survey 0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10 in your workspace",
             "instance": "/api/v1/responses/import",
             "errors": [{"field": "surveyId", "message": "is not a survey of your workspace"}]}""";

    public static final String PROBLEM_409_IMPORT_NOT_ACTIVE = """
            {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "surveyId: survey is CLOSED; only ACTIVE surveys accept responses",
             "instance": "/api/v1/responses/import",
             "errors": [{"field": "surveyId", "message": "survey is CLOSED; only ACTIVE surveys accept responses"}]}""";

    public static final String PROBLEM_422_IMPORT_QUESTION = """
            {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
             "detail": "questionKey: must be a scored question of the survey: ces, nps",
             "instance": "/api/v1/responses/import",
             "errors": [{"field": "questionKey", "message": "must be a scored question of the survey: ces, nps"}]}""";

    public static final String PROBLEM_415_IMPORT = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415, "detail": "Send the file as text/csv",
             "instance": "/api/v1/responses/import",
             "errors": [{"field": "Content-Type", "message": "must be text/csv"}]}""";

    public static final String CREATE_INVITATION = """
            {"surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "customerId": "c-1", "interactionId": "int-9",
             "externalId": "crm-inv-1", "expiresInDays": 30}""";

    public static final String INVITATION = """
            {"id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
             "touchpointId": "tp_8Hn2Lq0xWc4R", "customerId": "c-1", "interactionId": "int-9", "externalId": "crm-inv-1",
             "createdAt": "2026-11-22T12:00:00.123456Z", "expiresAt": "2026-12-22T12:00:00.123456Z",
             "token": "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ",
             "link": "https://surveys.example.com/s/q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ"}""";

    public static final String BULK_INVITATIONS = """
            {"items": [{"surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "customerId": "c-1",
                        "externalId": "crm-inv-1"},
                       {"surveyId": "9f8e7d6c-5b4a-4c3d-9e2f-1a0b2c3d4e5f", "customerId": "c-2"}]}""";

    public static final String BULK_INVITATIONS_RESULT = """
            {"created": 1, "duplicates": 0, "rejected": 1,
             "results": [{"index": 0, "externalId": "crm-inv-1", "status": "created",
                          "invitation": {"id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                                         "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "touchpointId": "tp_8Hn2Lq0xWc4R",
                                         "customerId": "c-1", "interactionId": null, "externalId": "crm-inv-1",
                                         "createdAt": "2026-11-22T12:00:00.123456Z",
                                         "expiresAt": "2026-12-06T12:00:00.123456Z",
                                         "token": "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ",
                                         "link": "https://surveys.example.com/s/q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ"},
                          "errors": []},
                         {"index": 1, "externalId": null, "status": "rejected", "invitation": null,
                          "errors": [{"field": "surveyId", "message": "is not a survey of your workspace"}]}]}""";

    public static final String PUBLIC_SURVEY = """
            {"companyName": "Acme",
             "questions": [{"key": "ces", "kind": "CES", "variant": "AGREEMENT_7",
                            "text": "Acme made it easy for me to handle my issue.", "required": true,
                            "scaleMin": 1, "scaleMax": 7, "maxLength": null},
                           {"key": "comment", "kind": "COMMENT", "variant": null,
                            "text": "Is there anything else you would like to tell us?", "required": false,
                            "scaleMin": null, "scaleMax": null, "maxLength": 500}]}""";

    public static final String PUBLIC_ANSWERS = """
            {"answers": [{"questionKey": "ces", "score": 6}, {"questionKey": "comment", "text": "Quick"}]}""";

    public static final String PUBLIC_RECEIPT = """
            {"receivedAt": "2026-11-22T12:00:00.123456Z"}""";

    public static final String FEED_PAGE = """
            {"items": [{"position": "00000000000000000774:0000000000000000012",
                        "id": "7d3f1e2a-9c4b-4e8f-a1d2-3b4c5d6e7f80", "workspace": "acme",
                        "surveyId": "0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R",
                        "channel": "web", "customerId": "c-1", "segments": {"region": "EU"},
                        "occurredAt": "2026-11-01T10:00:00Z", "receivedAt": "2026-11-22T12:00:00.123456Z",
                        "answers": [{"questionKey": "ces", "kind": "CES", "scaleMin": 1, "scaleMax": 7,
                                     "scoring": "CES_AGREEMENT", "score": 6, "text": null}]}],
             "next": "00000000000000000774:0000000000000000012"}""";

    public static final String PROBLEM_400 = """
            {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "2 fields are invalid",
             "instance": "/api/v1/surveys",
             "errors": [{"field": "name", "message": "is required"},
                        {"field": "questions[1].key", "message": "is already used by questions[0]"}]}""";

    public static final String PROBLEM_409_NOT_ACTIVE = """
            {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "surveyId: survey is CLOSED; only ACTIVE surveys accept responses",
             "instance": "/api/v1/responses",
             "errors": [{"field": "surveyId", "message": "survey is CLOSED; only ACTIVE surveys accept responses"}]}""";

    public static final String PROBLEM_412 = """
            {"type": "about:blank", "title": "Precondition Failed", "status": 412,
             "detail": "The survey has changed: its current ETag is \\"3\\"",
             "instance": "/api/v1/surveys/0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10", "errors": []}""";

    public static final String PROBLEM_428 = """
            {"type": "about:blank", "title": "Precondition Required", "status": 428,
             "detail": "Send If-Match with the ETag of your last read, e.g. If-Match: \\"3\\"",
             "instance": "/api/v1/surveys/0b9a4c52-3f0e-4d55-9d1e-6c2f8a7e5b10",
             "errors": [{"field": "If-Match", "message": "is required"}]}""";

    public static final String PROBLEM_PUBLIC_409 = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "This survey has already been answered", "instance": "/api/v1/public/surveys/…", "errors": []}""";

    public static final String PROBLEM_PUBLIC_410 = """
            {"type": "about:blank", "title": "Gone", "status": 410, "detail": "This survey link has expired",
             "instance": "/api/v1/public/surveys/…", "errors": []}""";

    private ApiExamples() {
    }
}
