package io.effortmap.metrics.rebuild.rest;

import io.effortmap.common.security.Roles;
import io.effortmap.metrics.rebuild.service.RebuildService;
import io.effortmap.metrics.rebuild.service.RebuildStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator maintenance, reached inside the cluster: the gateway routes only /api/v1. */
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class RebuildResource {

    private final RebuildService service;
    private final SecurityIdentity identity;

    RebuildResource(RebuildService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rebuild every metric from the change feeds",
            description = "Fills a new bucket generation from the feeds' beginning while the current one keeps "
                    + "answering; queries move to it once it has caught up with every feed.")
    @APIResponse(responseCode = "202", description = "Rebuild started; poll GET /admin/rebuild for progress")
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Uni<Response> start() {
        return service.start(identity.getPrincipal().getName())
                .map(status -> Response.accepted(status).location(URI.create("/admin/rebuild")).build());
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Bucket generations and rebuild progress")
    public Uni<RebuildStatus> status() {
        return service.status();
    }
}
