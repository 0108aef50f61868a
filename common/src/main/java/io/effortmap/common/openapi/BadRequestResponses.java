package io.effortmap.common.openapi;

import io.effortmap.common.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Documents the 400 every operation can answer since the rules of docs/api-conventions.md apply to all of them (an
 * unknown query parameter, control characters in a parameter or a field, a key repeated in the body), on the
 * operations whose own annotations do not list a 400 already.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class BadRequestResponses implements OASFilter {

    static final String DESCRIPTION = "Bad input: an unknown query parameter, a malformed value or id, control "
            + "characters in text, or a key repeated in the body; errors name each field (docs/api-conventions.md)";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse("400")) {
                    operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                            .description(DESCRIPTION)
                            .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                    OASFactory.createMediaType())));
                }
            }
        }
    }
}
