package io.effortmap.journey.interaction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.journey.interaction.mapping.InteractionMapper;
import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.rest.IngestResult;
import io.effortmap.journey.interaction.rest.InteractionRequest;
import io.effortmap.journey.interaction.rest.ItemResult;
import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.journey.rest.Channel;
import io.effortmap.common.problem.FieldNames;
import io.effortmap.journey.support.Ids;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.MongoIndexes;
import io.effortmap.common.validation.RequestValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bulk ingestion of CRM interactions. Every item is bound, validated and resolved against the caller's journeys on
 * its own, so one bad item never costs the others. Pushes are idempotent on (workspace, source, externalId).
 */
@ApplicationScoped
public class InteractionService {

    public static final int MAX_ITEMS = 1000;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    RequestValidator validator;

    @Inject
    JourneyRepository journeys;

    @Inject
    InteractionStore store;

    @Inject
    InteractionMapper mapper;

    @Inject
    MongoIndexes indexes;

    @ConfigProperty(name = "journey.interactions.max-future-skew", defaultValue = "5m")
    Duration maxFutureSkew;

    Clock clock = Clock.systemUTC();

    /** A bound, valid item, where it sits in the batch ({@code slot}) and in the request ({@code index}). */
    private record Candidate(int slot, int index, InteractionRequest item) {
    }

    /** A touchpoint as ingestion needs it. */
    private record TouchpointRef(String stageId, Channel channel) {
    }

    public Uni<IngestResult> ingest(String workspace, String source, JsonNode body) {
        if (body == null || !body.isArray() || body.isEmpty() || body.size() > MAX_ITEMS) {
            throw ProblemException.badRequest("body", "must be a JSON array of 1 to " + MAX_ITEMS + " interactions");
        }
        List<Line> items = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            items.add(new Line(i, body.get(i), null));
        }
        return ingestBatch(workspace, source, items).map(InteractionService::summarize);
    }

    /**
     * One item of a batch: its index in the request and either the parsed JSON ({@code node}) or why it could not be
     * parsed ({@code unreadable}, naming the item as a whole or a key repeated in it).
     */
    public record Line(int index, JsonNode node, Problem.FieldError unreadable) {
    }

    /**
     * Binds, validates, resolves and stores a batch; one result per item in batch order. Used by the JSON array
     * endpoint (one batch) and by NDJSON streams (one batch after the other).
     */
    public Uni<List<ItemResult>> ingestBatch(String workspace, String source, List<Line> lines) {
        ItemResult[] results = new ItemResult[lines.size()];
        List<Candidate> candidates = new ArrayList<>();
        Instant latestAllowed = clock.instant().plus(maxFutureSkew);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.unreadable() != null) {
                results[i] = ItemResult.rejected(line.index(), null, List.of(line.unreadable()));
                continue;
            }
            JsonNode node = line.node();
            String externalId = node != null && node.path("externalId").isTextual() ? node.get("externalId").asText() : null;
            List<Problem.FieldError> errors = new ArrayList<>();
            InteractionRequest item = bind(node, errors);
            if (item != null) {
                errors.addAll(validator.violations(item));
                if (item.occurredAt() != null && item.occurredAt().isAfter(latestAllowed)) {
                    errors.add(new Problem.FieldError("occurredAt", "must not be in the future"));
                }
            }
            if (errors.isEmpty()) {
                candidates.add(new Candidate(i, line.index(), item));
            } else {
                results[i] = ItemResult.rejected(line.index(), externalId, errors);
            }
        }
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        return indexes.awaitReady()
                .chain(() -> touchpoints(workspace, candidates))
                .chain(refs -> storeResolved(workspace, source, candidates, refs, results))
                .onFailure().transform(MongoErrors::translate)
                .map(ignored -> List.of(results));
    }

    private InteractionRequest bind(JsonNode node, List<Problem.FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new Problem.FieldError("item", "must be a JSON object"));
            return null;
        }
        try {
            return objectMapper.treeToValue(node, InteractionRequest.class);
        } catch (JsonMappingException e) {
            errors.add(new Problem.FieldError(FieldNames.of(e, "item"), FieldNames.problemWith(e)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new Problem.FieldError("item", "is not a valid interaction"));
        }
        return null;
    }

    /** journeyId → touchpointId → stage and channel, for the journeys the candidates name in this workspace. */
    private Uni<Map<String, Map<String, TouchpointRef>>> touchpoints(String workspace, List<Candidate> candidates) {
        Set<String> journeyIds = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (Ids.isWellFormed(c.item().journeyId(), Ids.JOURNEY)) {
                journeyIds.add(c.item().journeyId());
            }
        }
        return journeys.findOutlines(workspace, journeyIds).map(docs -> {
            Map<String, Map<String, TouchpointRef>> refs = new HashMap<>();
            for (JourneyDocument journey : docs) {
                Map<String, TouchpointRef> byId = new HashMap<>();
                for (JourneyDocument.StageDocument stage : JourneyMapper.stages(journey)) {
                    for (JourneyDocument.TouchpointDocument tp : JourneyMapper.touchpoints(stage)) {
                        byId.put(tp.id, new TouchpointRef(stage.id, Channel.fromWire(tp.channel)));
                    }
                }
                refs.put(journey.id, byId);
            }
            return refs;
        });
    }

    private Uni<Void> storeResolved(String workspace, String source, List<Candidate> candidates,
            Map<String, Map<String, TouchpointRef>> refs, ItemResult[] results) {
        // The first valid occurrence of an externalId is stored; repeats within the push follow its fate.
        Map<String, Candidate> primaries = new LinkedHashMap<>();
        Map<Candidate, Candidate> repeats = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            InteractionRequest item = c.item();
            Map<String, TouchpointRef> journey = refs.get(item.journeyId());
            if (journey == null) {
                results[c.slot()] = ItemResult.rejected(c.index(), item.externalId(),
                        List.of(new Problem.FieldError("journeyId", "is not a journey of this workspace")));
            } else if (!journey.containsKey(item.touchpointId())) {
                results[c.slot()] = ItemResult.rejected(c.index(), item.externalId(),
                        List.of(new Problem.FieldError("touchpointId", "is not a touchpoint of this journey")));
            } else if (primaries.containsKey(item.externalId())) {
                repeats.put(c, primaries.get(item.externalId()));
            } else {
                primaries.put(item.externalId(), c);
            }
        }
        if (primaries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Insert first (one unordered insertMany): the unique index answers duplicates, also those of concurrent
        // pushes, and only the items that hit it are looked up (InteractionStore). No per-push pre-lookup of keys.
        Map<InteractionDocument, Candidate> toStore = new IdentityHashMap<>();
        List<InteractionDocument> docs = new ArrayList<>(primaries.size());
        for (Candidate c : primaries.values()) {
            TouchpointRef ref = refs.get(c.item().journeyId()).get(c.item().touchpointId());
            InteractionDocument doc = mapper.newDocument(c.item(), workspace, source, ref.stageId(), ref.channel());
            toStore.put(doc, c);
            docs.add(doc);
        }
        return store.store(workspace, source, docs).map(stored -> {
            stored.forEach((doc, outcome) -> {
                Candidate c = toStore.get(doc);
                results[c.slot()] = switch (outcome.kind()) {
                    case ACCEPTED -> ItemResult.accepted(c.index(), doc.externalId, outcome.id());
                    case DUPLICATE -> ItemResult.duplicate(c.index(), doc.externalId, outcome.id());
                    case FAILED -> ItemResult.rejected(c.index(), doc.externalId,
                            List.of(new Problem.FieldError("item", "could not be stored now; push it again")));
                };
            });
            return null;
        }).invoke(() -> repeats.forEach((repeat, primary) -> {
            ItemResult first = results[primary.slot()];
            results[repeat.slot()] = first.status() == ItemResult.Status.REJECTED
                    ? ItemResult.rejected(repeat.index(), first.externalId(), first.errors())
                    : ItemResult.duplicate(repeat.index(), first.externalId(), first.id());
        })).replaceWithVoid();
    }

    private static IngestResult summarize(List<ItemResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ItemResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
        }
        return new IngestResult(accepted, duplicates, rejected, results);
    }
}
