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

    public JourneyDocument newDocument(CreateJourneyRequest request, List<String> stageNames, String workspace,
            String createdBy, Instant now) {
        JourneyDocument doc = new JourneyDocument();
        doc.id = Ids.newId(Ids.JOURNEY);
        doc.workspace = workspace;
        doc.name = request.name();
        doc.description = request.description();
        doc.owner = request.owner();
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

    private StageDocument newStage(CreateJourneyRequest.StageRequest request) {
        StageDocument stage = new StageDocument();
        stage.id = Ids.newId(Ids.STAGE);
        stage.name = request.name();
        stage.touchpoints = new ArrayList<>();
        if (request.touchpoints() != null) {
            for (CreateJourneyRequest.TouchpointRequest t : request.touchpoints()) {
                stage.touchpoints.add(newTouchpoint(t));
            }
        }
        return stage;
    }

    private TouchpointDocument newTouchpoint(CreateJourneyRequest.TouchpointRequest request) {
        TouchpointDocument tp = new TouchpointDocument();
        tp.id = Ids.newId(Ids.TOUCHPOINT);
        tp.name = request.name();
        tp.channel = request.channel().wire();
        tp.ownerTeam = request.ownerTeam();
        tp.description = request.description();
        tp.painPoints = request.painPoints() == null ? new ArrayList<>() : new ArrayList<>(request.painPoints());
        tp.opportunities = new ArrayList<>();
        if (request.opportunities() != null) {
            for (CreateJourneyRequest.OpportunityRequest o : request.opportunities()) {
                OpportunityDocument op = new OpportunityDocument();
                op.id = Ids.newId(Ids.OPPORTUNITY);
                op.text = o.text();
                op.owner = o.owner();
                op.status = (o.status() == null ? OpportunityStatus.OPEN : o.status()).wire();
                tp.opportunities.add(op);
            }
        }
        tp.expectedEmotion = request.expectedEmotion();
        tp.targets = toDocument(request.targets());
        return tp;
    }

    private static TargetsDocument toDocument(Targets targets) {
        if (targets == null || (targets.CES() == null && targets.CSAT() == null && targets.NPS() == null)) {
            return null;
        }
        TargetsDocument doc = new TargetsDocument();
        doc.ces = targets.CES();
        doc.csat = targets.CSAT();
        doc.nps = targets.NPS();
        return doc;
    }

    public static Targets toTargets(TargetsDocument doc) {
        return doc == null ? Targets.NONE : new Targets(doc.ces, doc.csat, doc.nps);
    }

    public JourneyResponse toResponse(JourneyDocument doc) {
        return new JourneyResponse(doc.id, doc.name, doc.description, doc.owner, JourneyStatus.fromStored(doc.status),
                doc.version, doc.createdAt, doc.updatedAt, stages(doc).stream().map(this::toStage).toList());
    }

    private JourneyResponse.Stage toStage(StageDocument stage) {
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

    public TouchpointResponse toTouchpointResponse(JourneyDocument journey, StageDocument stage, TouchpointDocument tp) {
        return new TouchpointResponse(journey.id, tp.id, tp.name, Channel.fromWire(tp.channel), stage.id, stage.name,
                toTargets(tp.targets));
    }

    public static List<StageDocument> stages(JourneyDocument doc) {
        return doc.stages == null ? List.of() : doc.stages;
    }

    public static List<TouchpointDocument> touchpoints(StageDocument stage) {
        return stage.touchpoints == null ? List.of() : stage.touchpoints;
    }
}
