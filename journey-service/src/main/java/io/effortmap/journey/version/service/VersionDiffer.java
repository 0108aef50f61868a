package io.effortmap.journey.version.service;

import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument.StageDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.TouchpointDocument;
import io.effortmap.journey.version.repository.JourneyVersionDocument;
import io.effortmap.journey.version.rest.JourneyVersionDiff;
import io.effortmap.journey.version.rest.JourneyVersionDiff.Changes;
import io.effortmap.journey.version.rest.JourneyVersionDiff.Item;
import io.effortmap.journey.version.rest.JourneyVersionDiff.Changed;
import io.effortmap.journey.version.rest.JourneyVersionDiff.FieldChange;
import io.effortmap.journey.version.rest.JourneyVersionDiff.Renamed;
import io.effortmap.journey.journey.repository.JourneyDocument.OpportunityDocument;
import io.effortmap.journey.journey.rest.Targets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Compares two versions by stable ids. Pure: no I/O. */
final class VersionDiffer {

    private record Placed(String id, String name, String stageId, int index) {
    }

    private VersionDiffer() {
    }

    static JourneyVersionDiff diff(JourneyVersionDocument from, JourneyVersionDocument to) {
        return new JourneyVersionDiff(from.number, to.number,
                compare(stages(from), stages(to), false, Map.of(), Map.of()),
                compare(touchpoints(from), touchpoints(to), true, touchpointDocuments(from), touchpointDocuments(to)),
                journeyChanges(from, to));
    }

    private static List<FieldChange> journeyChanges(JourneyVersionDocument from, JourneyVersionDocument to) {
        List<FieldChange> changes = new ArrayList<>();
        field(changes, "description", from.description, to.description);
        field(changes, "owner", from.owner, to.owner);
        field(changes, "name", from.name, to.name);
        list(changes, "personaIds", from.personaIds, to.personaIds);
        return changes;
    }

    /** Field by field, in a fixed order; names are reported as renames, places as moves. */
    static List<FieldChange> touchpointChanges(TouchpointDocument from, TouchpointDocument to) {
        List<FieldChange> changes = new ArrayList<>();
        field(changes, "description", from.description, to.description);
        field(changes, "channel", from.channel, to.channel);
        field(changes, "ownerTeam", from.ownerTeam, to.ownerTeam);
        field(changes, "expectedEmotion", from.expectedEmotion, to.expectedEmotion);
        list(changes, "painPoints", from.painPoints, to.painPoints);
        Targets before = JourneyMapper.toTargets(from.targets);
        Targets after = JourneyMapper.toTargets(to.targets);
        field(changes, "targets.CES_AGREEMENT", before.CES_AGREEMENT(), after.CES_AGREEMENT());
        field(changes, "targets.CES_EFFORT", before.CES_EFFORT(), after.CES_EFFORT());
        field(changes, "targets.CSATShare", before.CSATShare(), after.CSATShare());
        field(changes, "targets.NPS", before.NPS(), after.NPS());
        Map<String, Map<String, Object>> opsBefore = opportunities(from);
        Map<String, Map<String, Object>> opsAfter = opportunities(to);
        for (Map.Entry<String, Map<String, Object>> op : opsBefore.entrySet()) {
            field(changes, "opportunities." + op.getKey(), op.getValue(), opsAfter.get(op.getKey()));
        }
        for (Map.Entry<String, Map<String, Object>> op : opsAfter.entrySet()) {
            if (!opsBefore.containsKey(op.getKey())) {
                changes.add(FieldChange.of("opportunities." + op.getKey(), null, op.getValue()));
            }
        }
        return changes;
    }

    private static void field(List<FieldChange> changes, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(FieldChange.of(name, from, to));
        }
    }

    private static void list(List<FieldChange> changes, String name, List<String> from, List<String> to) {
        List<String> before = from == null ? List.of() : from;
        List<String> after = to == null ? List.of() : to;
        if (!before.equals(after)) {
            changes.add(new FieldChange(name, before, after,
                    after.stream().filter(e -> !before.contains(e)).toList(),
                    before.stream().filter(e -> !after.contains(e)).toList()));
        }
    }

    private static Map<String, Map<String, Object>> opportunities(TouchpointDocument tp) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        if (tp.opportunities != null) {
            for (OpportunityDocument o : tp.opportunities) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("text", o.text);
                view.put("owner", o.owner);
                view.put("status", o.status);
                byId.put(o.id, view);
            }
        }
        return byId;
    }

    private static Changes compare(Map<String, Placed> before, Map<String, Placed> after, boolean touchpoints,
            Map<String, TouchpointDocument> contentBefore, Map<String, TouchpointDocument> contentAfter) {
        List<Item> added = new ArrayList<>();
        List<Item> removed = new ArrayList<>();
        List<Renamed> renamed = new ArrayList<>();
        for (Placed a : after.values()) {
            Placed b = before.get(a.id());
            if (b == null) {
                added.add(new Item(a.id(), a.name(), null, touchpoints ? a.stageId() : null, null, a.index()));
            } else if (!Objects.equals(a.name(), b.name())) {
                renamed.add(new Renamed(a.id(), b.name(), a.name()));
            }
        }
        for (Placed b : before.values()) {
            if (!after.containsKey(b.id())) {
                removed.add(new Item(b.id(), b.name(), touchpoints ? b.stageId() : null, null, b.index(), null));
            }
        }
        Set<String> moved = new HashSet<>();
        // Group what stayed by its list (the journey for stages, the stage for touchpoints) and keep the longest
        // common subsequence in place: everything else in the group changed its relative order.
        Map<String, List<String>> beforeOrder = new LinkedHashMap<>();
        Map<String, List<String>> afterOrder = new LinkedHashMap<>();
        for (Placed b : before.values()) {
            Placed a = after.get(b.id());
            if (a != null && Objects.equals(a.stageId(), b.stageId())) {
                beforeOrder.computeIfAbsent(String.valueOf(b.stageId()), k -> new ArrayList<>()).add(b.id());
            } else if (a != null) {
                moved.add(b.id()); // another stage
            }
        }
        for (Placed a : after.values()) {
            Placed b = before.get(a.id());
            if (b != null && Objects.equals(a.stageId(), b.stageId())) {
                afterOrder.computeIfAbsent(String.valueOf(a.stageId()), k -> new ArrayList<>()).add(a.id());
            }
        }
        beforeOrder.forEach((group, ids) -> {
            List<String> kept = lcs(ids, afterOrder.get(group));
            ids.stream().filter(id -> !kept.contains(id)).forEach(moved::add);
        });
        List<Item> movedItems = new ArrayList<>();
        for (Placed a : after.values()) {
            if (moved.contains(a.id())) {
                Placed b = before.get(a.id());
                movedItems.add(new Item(a.id(), a.name(), touchpoints ? b.stageId() : null,
                        touchpoints ? a.stageId() : null, b.index(), a.index()));
            }
        }
        List<Changed> changed = new ArrayList<>();
        for (Placed a : after.values()) {
            TouchpointDocument b = contentBefore.get(a.id());
            if (b != null) {
                List<FieldChange> fields = touchpointChanges(b, contentAfter.get(a.id()));
                if (!fields.isEmpty()) {
                    changed.add(new Changed(a.id(), a.name(), touchpoints ? a.stageId() : null, fields));
                }
            }
        }
        return new Changes(added, removed, movedItems, renamed, changed);
    }

    private static Map<String, TouchpointDocument> touchpointDocuments(JourneyVersionDocument version) {
        Map<String, TouchpointDocument> result = new LinkedHashMap<>();
        for (StageDocument stage : version.stages == null ? List.<StageDocument>of() : version.stages) {
            JourneyMapper.touchpoints(stage).forEach(tp -> result.put(tp.id, tp));
        }
        return result;
    }

    private static List<String> lcs(List<String> x, List<String> y) {
        int[][] len = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                len[i][j] = x.get(i).equals(y.get(j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        List<String> result = new ArrayList<>();
        for (int i = 0, j = 0; i < x.size() && j < y.size(); ) {
            if (x.get(i).equals(y.get(j))) {
                result.add(x.get(i));
                i++;
                j++;
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    private static Map<String, Placed> stages(JourneyVersionDocument version) {
        Map<String, Placed> result = new LinkedHashMap<>();
        List<StageDocument> stages = version.stages == null ? List.of() : version.stages;
        for (int i = 0; i < stages.size(); i++) {
            result.put(stages.get(i).id, new Placed(stages.get(i).id, stages.get(i).name, null, i));
        }
        return result;
    }

    private static Map<String, Placed> touchpoints(JourneyVersionDocument version) {
        Map<String, Placed> result = new LinkedHashMap<>();
        for (StageDocument stage : version.stages == null ? List.<StageDocument>of() : version.stages) {
            List<TouchpointDocument> tps = JourneyMapper.touchpoints(stage);
            for (int i = 0; i < tps.size(); i++) {
                result.put(tps.get(i).id, new Placed(tps.get(i).id, tps.get(i).name, stage.id, i));
            }
        }
        return result;
    }
}
