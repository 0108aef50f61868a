package io.effortmap.journey.journey.service;

import io.effortmap.common.ids.IdShape;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.StageDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.TouchpointDocument;
import io.effortmap.journey.journey.rest.CreateJourneyRequest;
import io.effortmap.journey.journey.rest.Limits;
import io.effortmap.journey.journey.rest.MoveRequest;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest.OpportunityEdit;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest.StageEdit;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest.TouchpointEdit;
import io.effortmap.journey.support.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edits of a journey, applied in memory to the document that was read. The caller stores the result with one
 * write conditional on the version read, so an edit never mixes with a concurrent one. Ids never change: renames and
 * moves keep them, which is what makes versions comparable and old interactions attributable.
 */
final class JourneyEditor {

    private final JourneyDocument doc;
    private final JourneyMapper mapper;

    JourneyEditor(JourneyDocument doc, JourneyMapper mapper) {
        this.doc = doc;
        this.mapper = mapper;
        if (doc.stages == null) {
            doc.stages = new ArrayList<>();
        }
        doc.stages.forEach(s -> {
            if (s.touchpoints == null) {
                s.touchpoints = new ArrayList<>();
            }
        });
    }

    /** Whole-document replace; ids sent must name objects of this journey, each at most once (422 otherwise). */
    void replace(ReplaceJourneyRequest request) {
        Map<String, StageDocument> stages = new HashMap<>();
        Map<String, TouchpointDocument> touchpoints = new HashMap<>();
        Set<String> opportunities = new HashSet<>();
        for (StageDocument s : doc.stages) {
            stages.put(s.id, s);
            for (TouchpointDocument tp : s.touchpoints) {
                touchpoints.put(tp.id, tp);
                if (tp.opportunities != null) {
                    tp.opportunities.forEach(o -> opportunities.add(o.id));
                }
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<StageDocument> result = new ArrayList<>();
        for (int i = 0; i < request.stages().size(); i++) {
            StageEdit s = request.stages().get(i);
            String field = "stages[" + i + "]";
            StageDocument stage = new StageDocument();
            stage.id = keptId(s.id(), stages.keySet(), used, field + ".id", "stage", errors, Ids.STAGE);
            stage.name = s.name();
            stage.touchpoints = new ArrayList<>();
            List<TouchpointEdit> tps = s.touchpoints() == null ? List.of() : s.touchpoints();
            for (int j = 0; j < tps.size(); j++) {
                TouchpointEdit t = tps.get(j);
                String tpField = field + ".touchpoints[" + j + "]";
                String id = keptId(t.id(), touchpoints.keySet(), used, tpField + ".id", "touchpoint", errors, Ids.TOUCHPOINT);
                checkOpportunities(t, opportunities, used, tpField, errors);
                stage.touchpoints.add(mapper.touchpoint(t, id));
            }
            result.add(stage);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(422, "Unprocessable Content", errors);
        }
        doc.name = request.name();
        doc.description = request.description();
        doc.owner = request.owner();
        doc.personaIds = request.personaIds() == null ? new ArrayList<>() : new ArrayList<>(request.personaIds());
        doc.stages = result;
        checkTotal();
    }

    StageDocument addStage(CreateJourneyRequest.StageRequest request, Integer at) {
        int index = at == null ? doc.stages.size() : targetIndex(at, doc.stages.size());
        if (doc.stages.size() >= Limits.STAGES) {
            throw ProblemException.unprocessable("stages", "a journey holds at most " + Limits.STAGES + " stages");
        }
        StageDocument stage = mapper.newStage(request);
        doc.stages.add(index, stage);
        checkTotal();
        return stage;
    }

    void renameStage(String stageId, String name) {
        stage(stageId).name = name;
    }

    void moveStage(String stageId, MoveRequest move) {
        if (move.stageId() != null) {
            throw ProblemException.unprocessable("stageId", "is only allowed when moving a touchpoint");
        }
        StageDocument stage = stage(stageId);
        doc.stages.remove(stage);
        doc.stages.add(targetIndex(move.index(), doc.stages.size()), stage);
    }

    /** Only an empty stage can be removed, so no touchpoint is dropped by accident; a journey keeps one stage. */
    void removeStage(String stageId) {
        StageDocument stage = stage(stageId);
        if (!stage.touchpoints.isEmpty()) {
            throw ProblemException.conflict("The stage still has " + stage.touchpoints.size()
                    + " touchpoints; move or remove them first");
        }
        if (doc.stages.size() == 1) {
            throw ProblemException.conflict("A journey keeps at least one stage");
        }
        doc.stages.remove(stage);
    }

    TouchpointDocument addTouchpoint(String stageId, CreateJourneyRequest.TouchpointRequest request, Integer at) {
        StageDocument stage = stage(stageId);
        int index = at == null ? stage.touchpoints.size() : targetIndex(at, stage.touchpoints.size());
        TouchpointDocument tp = mapper.touchpoint(TouchpointEdit.of(request), Ids.newId(Ids.TOUCHPOINT));
        stage.touchpoints.add(index, tp);
        if (stage.touchpoints.size() > Limits.TOUCHPOINTS_PER_STAGE) {
            throw ProblemException.unprocessable("touchpoints",
                    "a stage holds at most " + Limits.TOUCHPOINTS_PER_STAGE + " touchpoints");
        }
        checkTotal();
        return tp;
    }

    void updateTouchpoint(String touchpointId, TouchpointEdit edit) {
        StageDocument stage = stageOf(touchpointId);
        TouchpointDocument current = touchpointIn(stage, touchpointId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (edit.id() != null && !edit.id().equals(touchpointId)) {
            errors.add(new Problem.FieldError("id", "must be omitted or equal the touchpoint id of the path"));
        }
        Set<String> known = new HashSet<>();
        if (current.opportunities != null) {
            current.opportunities.forEach(o -> known.add(o.id));
        }
        checkOpportunities(edit, known, new HashSet<>(), null, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(422, "Unprocessable Content", errors);
        }
        stage.touchpoints.set(stage.touchpoints.indexOf(current), mapper.touchpoint(edit, touchpointId));
    }

    void moveTouchpoint(String touchpointId, MoveRequest move) {
        StageDocument from = stageOf(touchpointId);
        StageDocument to = from;
        if (move.stageId() != null) {
            to = doc.stages.stream().filter(s -> s.id.equals(move.stageId())).findFirst()
                    .orElseThrow(() -> ProblemException.unprocessable("stageId", "is not a stage of this journey"));
        }
        TouchpointDocument tp = touchpointIn(from, touchpointId);
        from.touchpoints.remove(tp);
        to.touchpoints.add(targetIndex(move.index(), to.touchpoints.size()), tp);
        if (to.touchpoints.size() > Limits.TOUCHPOINTS_PER_STAGE) {
            throw ProblemException.unprocessable("stageId",
                    "a stage holds at most " + Limits.TOUCHPOINTS_PER_STAGE + " touchpoints");
        }
    }

    void removeTouchpoint(String touchpointId) {
        StageDocument stage = stageOf(touchpointId);
        stage.touchpoints.remove(touchpointIn(stage, touchpointId));
    }

    private StageDocument stage(String stageId) {
        return doc.stages.stream().filter(s -> s.id.equals(stageId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No stage " + JourneyService.printable(stageId)
                        + " in journey " + doc.id, "stageId", Ids.isWellFormed(stageId, Ids.STAGE)
                                ? "is not a stage of this journey" : IdShape.STAGE.expectation()));
    }

    private StageDocument stageOf(String touchpointId) {
        for (StageDocument s : doc.stages) {
            for (TouchpointDocument tp : s.touchpoints) {
                if (tp.id.equals(touchpointId)) {
                    return s;
                }
            }
        }
        throw ProblemException.notFound("No touchpoint " + JourneyService.printable(touchpointId) + " in journey " + doc.id,
                "touchpointId", Ids.isWellFormed(touchpointId, Ids.TOUCHPOINT) ? "is not a touchpoint of this journey"
                        : IdShape.TOUCHPOINT.expectation());
    }

    private static TouchpointDocument touchpointIn(StageDocument stage, String touchpointId) {
        return stage.touchpoints.stream().filter(t -> t.id.equals(touchpointId)).findFirst().orElseThrow();
    }

    private static String keptId(String id, Set<String> known, Set<String> used, String field, String kind,
            List<Problem.FieldError> errors, String prefix) {
        if (id == null) {
            return Ids.newId(prefix);
        }
        if (!known.contains(id)) {
            errors.add(new Problem.FieldError(field, "is not a " + kind + " of this journey; omit it for a new " + kind));
        } else if (!used.add(id)) {
            errors.add(new Problem.FieldError(field, "appears more than once"));
        }
        return id;
    }

    private static void checkOpportunities(TouchpointEdit t, Set<String> known, Set<String> used, String field,
            List<Problem.FieldError> errors) {
        List<OpportunityEdit> ops = t.opportunities() == null ? List.of() : t.opportunities();
        for (int k = 0; k < ops.size(); k++) {
            String name = (field == null ? "" : field + ".") + "opportunities[" + k + "].id";
            keptId(ops.get(k).id(), known, used, name, "opportunity", errors, Ids.OPPORTUNITY);
        }
    }

    /**
     * The {@code index} query parameter of an insertion: absent means at the end. Its shape is checked before the
     * journey is read, so a malformed index is a 400 whatever the If-Match (RFC 9110 13.2.1: preconditions are not
     * evaluated for a request that would fail anyway); whether it is within the list is checked by the edit (422).
     */
    static Integer insertionIndex(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        try {
            int index = Integer.parseInt(param.trim());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("index", "must be a whole number from 0");
    }

    /** The index an item takes in a list of {@code sizeWithout} other items: 0..sizeWithout. */
    private static int targetIndex(int index, int sizeWithout) {
        if (index > sizeWithout) {
            throw ProblemException.unprocessable("index", "must be from 0 to " + sizeWithout);
        }
        return index;
    }

    private void checkTotal() {
        int total = doc.stages.stream().mapToInt(s -> s.touchpoints.size()).sum();
        if (total > Limits.TOUCHPOINTS_PER_JOURNEY) {
            throw ProblemException.unprocessable("stages",
                    "a journey holds at most " + Limits.TOUCHPOINTS_PER_JOURNEY + " touchpoints in total");
        }
    }
}
