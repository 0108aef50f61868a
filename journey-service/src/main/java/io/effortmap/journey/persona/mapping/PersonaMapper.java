package io.effortmap.journey.persona.mapping;

import io.effortmap.journey.persona.repository.PersonaDocument;
import io.effortmap.journey.persona.rest.PersonaRequest;
import io.effortmap.journey.persona.rest.PersonaResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class PersonaMapper {

    /** Copies the client-editable fields of the request onto the document. */
    public void apply(PersonaRequest request, PersonaDocument doc) {
        doc.name = request.name();
        doc.description = request.description();
        doc.goals = request.goals() == null ? new ArrayList<>() : new ArrayList<>(request.goals());
        doc.frustrations = request.frustrations() == null ? new ArrayList<>() : new ArrayList<>(request.frustrations());
        doc.segments = request.segments() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request.segments());
    }

    public PersonaResponse toResponse(PersonaDocument doc) {
        return new PersonaResponse(doc.id, doc.name, doc.description, copy(doc.goals), copy(doc.frustrations),
                doc.segments == null ? Map.of() : doc.segments, doc.version, doc.createdAt, doc.updatedAt);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
