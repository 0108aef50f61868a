package io.effortmap.journey.interaction.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.interaction.service.InteractionService;
import io.effortmap.journey.interaction.service.NdjsonIngestion;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.jboss.resteasy.reactive.RestStreamElementType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class InteractionResource {

    @Inject
    InteractionService service;

    @Inject
    NdjsonIngestion ndjson;

    @Inject
    CallerContext caller;

    public static final String NDJSON = "application/x-ndjson";

    /**
     * The body is taken as a JSON tree so that each item is bound and validated on its own: a malformed item is
     * rejected in its result while the others are stored.
     */
    @POST
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Push interactions", description = "1 to 1000 items; each is validated and stored on its own, "
            + "idempotent on (workspace, client, externalId)")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.ARRAY, minItems = 1,
            maxItems = InteractionService.MAX_ITEMS, implementation = InteractionRequest.class),
            examples = @ExampleObject(name = "one item", value = """
                    [{"externalId": "crm-123", "customerId": "c-1", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R",
                      "channel": "web", "occurredAt": "2026-11-01T10:00:00Z", "outcome": "resolved", "durationSeconds": 120,
                      "segments": {"region": "EU"}}]""")))
    @APIResponse(responseCode = "200", description = "Per-item results; resending an item answers duplicate with the stored id",
            content = @Content(schema = @Schema(implementation = IngestResult.class), examples = @ExampleObject(name = "results", value = """
                    {"accepted": 1, "duplicates": 0, "rejected": 1, "results": [
                      {"index": 0, "externalId": "crm-123", "status": "accepted", "id": "ix_Ab3dE5gH7jK9mN1p", "errors": []},
                      {"index": 1, "externalId": "crm-999", "status": "rejected", "id": null,
                       "errors": [{"field": "touchpointId", "message": "is not a touchpoint of this journey"}]}]}""")))
    @APIResponse(responseCode = "400", description = "Not an array of 1 to 1000 items", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Storage not ready; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IngestResult> ingest(JsonNode body) {
        return service.ingest(caller.workspace(), caller.clientId(), body);
    }

    /**
     * Backfills: the same path with an NDJSON body, read as a stream on a worker thread and answered as a stream of
     * per-line results, so neither side has to hold the whole body.
     */
    @POST
    @Blocking
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Push interactions as NDJSON (backfills)", description = "One interaction per line, any number of "
            + "lines. Processed in batches of " + NdjsonIngestion.BATCH_SIZE + "; one result line per non-blank input line, "
            + "in input order, with index = 0-based line number. Blank lines are skipped. If the stream breaks off, push "
            + "again: items already stored answer duplicate.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(implementation = InteractionRequest.class),
            examples = @ExampleObject(name = "two lines", value = """
                    {"externalId": "crm-1", "customerId": "c-1", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "occurredAt": "2026-11-01T10:00:00Z", "outcome": "resolved"}
                    {"externalId": "crm-2", "customerId": "c-2", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "occurredAt": "2026-11-01T10:01:00Z", "outcome": "abandoned"}""")))
    @APIResponse(responseCode = "200", description = "One result per line, streamed as NDJSON",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ItemResult.class), examples = @ExampleObject(name = "results", value = """
                    {"index": 0, "externalId": "crm-1", "status": "accepted", "id": "ix_Ab3dE5gH7jK9mN1p", "errors": []}
                    {"index": 1, "externalId": "crm-2", "status": "rejected", "id": null, "errors": [{"field": "touchpointId", "message": "is not a touchpoint of this journey"}]}""")))
    public Multi<ItemResult> ingestNdjson(InputStream body) {
        return ndjson.ingest(caller.workspace(), caller.clientId(), body);
    }
}
