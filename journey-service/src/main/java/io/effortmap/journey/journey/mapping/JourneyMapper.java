package io.effortmap.journey.journey.mapping;

import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.OpportunityDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.StageDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.TargetsDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.TouchpointDocument;
import io.effortmap.journey.journey.rest.Channel;
import io.effortmap.journey.journey.rest.CreateJourneyRequest;
import io.effortmap.journey.journey.rest.JourneyResponse;
import io.effortmap.journey.journey.rest.JourneyStatus;
import io.effortmap.journey.journey.rest.JourneySummary;
import io.effortmap.journey.journey.rest.OpportunityStatus;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest.TouchpointEdit;
import io.effortmap.journey.journey.rest.Targets;
import io.effortmap.journey.journey.rest.TouchpointResponse;
import io.effortmap.journey.support.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Between the API records and the stored documents. New objects get fresh server-assigned ids here. */
@ApplicationScoped
public class JourneyMapper {

    public JourneyDocument newDocument(String id, CreateJourneyRequest request, List<String> stageNames, String workspace,
            String createdBy, Instant now) {
        JourneyDocument doc = new JourneyDocument();
        doc.id = id;
        doc.workspace = workspace;
        doc.name = request.name();
        doc.description = request.description();
        doc.owner = request.owner();
        doc.personaIds = request.personaIds() == null ? new ArrayList<>() : new ArrayList<>(request.personaIds());
        doc.status = JourneyStatus.DRAFT.name();
        doc.version = 1;
        doc.createdAt = now;
        doc.updatedAt = now;
        doc.createdBy = createdBy;
        doc.stages = new ArrayList<>();
        if (request.stages() == null) {
            for (String name : stageNames) {
                StageDocument stage = new StageDocument();
                stage.id = Ids.newId(Ids.STAGE);
                stage.name = name;
                stage.touchpoints = new ArrayList<>();
                doc.stages.add(stage);
            }
        } else {
            for (CreateJourneyRequest.StageRequest s : request.stages()) {
                doc.stages.add(newStage(s));
            }
        }
        return doc;
    }

    public StageDocument newStage(CreateJourneyRequest.StageRequest request) {
        StageDocument stage = new StageDocument();
        stage.id = Ids.newId(Ids.STAGE);
        stage.name = request.name();
        stage.touchpoints = new ArrayList<>();
        if (request.touchpoints() != null) {
            for (CreateJourneyRequest.TouchpointRequest t : request.touchpoints()) {
                stage.touchpoints.add(touchpoint(TouchpointEdit.of(t), Ids.newId(Ids.TOUCHPOINT)));
            }
        }
        return stage;
    }

    /** A touchpoint with the given id; opportunities keep the ids the edit names (checked by the caller). */
    public TouchpointDocument touchpoint(TouchpointEdit edit, String id) {
        TouchpointDocument tp = new TouchpointDocument();
        tp.id = id;
        tp.name = edit.name();
        tp.channel = edit.channel().wire();
        tp.ownerTeam = edit.ownerTeam();
        tp.description = edit.description();
        tp.painPoints = edit.painPoints() == null ? new ArrayList<>() : new ArrayList<>(edit.painPoints());
        tp.opportunities = new ArrayList<>();
        if (edit.opportunities() != null) {
            for (ReplaceJourneyRequest.OpportunityEdit o : edit.opportunities()) {
                OpportunityDocument op = new OpportunityDocument();
                op.id = o.id() != null ? o.id() : Ids.newId(Ids.OPPORTUNITY);
                op.text = o.text();
                op.owner = o.owner();
                op.status = (o.status() == null ? OpportunityStatus.OPEN : o.status()).wire();
                tp.opportunities.add(op);
            }
        }
        tp.expectedEmotion = edit.expectedEmotion();
        tp.targets = toDocument(edit.targets());
        return tp;
    }

    private static TargetsDocument toDocument(Targets targets) {
        if (targets == null || (targets.cesAgreement() == null && targets.CES_EFFORT() == null
                && targets.CSATShare() == null && targets.NPS() == null)) {
            return null;
        }
        TargetsDocument doc = new TargetsDocument();
        doc.ces = targets.cesAgreement();
        doc.cesEffort = targets.CES_EFFORT();
        doc.csatShare = targets.CSATShare();
        doc.nps = targets.NPS();
        return doc;
    }

    public static Targets toTargets(TargetsDocument doc) {
        if (doc == null) {
            return Targets.NONE;
        }
        Double csatShare = doc.csatShare != null ? doc.csatShare : doc.csat == null ? null : doc.csat / 100;
        return new Targets(doc.ces, doc.ces, doc.cesEffort, csatShare, doc.nps);
    }

    public JourneyResponse toResponse(JourneyDocument doc) {
        return new JourneyResponse(doc.id, doc.name, doc.description, doc.owner,
                doc.personaIds == null ? List.of() : List.copyOf(doc.personaIds), JourneyStatus.fromStored(doc.status),
                doc.version, doc.publishedVersion, doc.createdAt, doc.updatedAt, stages(doc).stream().map(this::toStage).toList());
    }

    public JourneyResponse.Stage toStage(StageDocument stage) {
        return new JourneyResponse.Stage(stage.id, stage.name, touchpoints(stage).stream().map(this::toTouchpoint).toList());
    }

    private JourneyResponse.Touchpoint toTouchpoint(TouchpointDocument tp) {
        List<JourneyResponse.Opportunity> opportunities = tp.opportunities == null ? List.of()
                : tp.opportunities.stream()
                        .map(o -> new JourneyResponse.Opportunity(o.id, o.text, o.owner, OpportunityStatus.fromWire(o.status)))
                        .toList();
        return new JourneyResponse.Touchpoint(tp.id, tp.name, Channel.fromWire(tp.channel), tp.ownerTeam, tp.description,
                tp.painPoints == null ? List.of() : List.copyOf(tp.painPoints), opportunities, tp.expectedEmotion,
                toTargets(tp.targets));
    }

    public JourneySummary toSummary(JourneyDocument doc) {
        int touchpoints = stages(doc).stream().mapToInt(s -> touchpoints(s).size()).sum();
        return new JourneySummary(doc.id, doc.name, doc.description, doc.owner, JourneyStatus.fromStored(doc.status),
                doc.version, stages(doc).size(), touchpoints, doc.createdAt, doc.updatedAt);
    }

    public TouchpointResponse toTouchpointResponse(String journeyId, StageDocument stage, TouchpointDocument tp,
            boolean removed) {
        return new TouchpointResponse(journeyId, tp.id, tp.name, Channel.fromWire(tp.channel), stage.id, stage.name,
                toTargets(tp.targets), removed ? Boolean.TRUE : null);
    }

    public static List<StageDocument> stages(JourneyDocument doc) {
        return doc.stages == null ? List.of() : doc.stages;
    }

    public static List<TouchpointDocument> touchpoints(StageDocument stage) {
        return stage.touchpoints == null ? List.of() : stage.touchpoints;
    }
}
