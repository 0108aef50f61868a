package io.effortmap.survey.response.service;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.response.repository.ResponseRepository;
import io.effortmap.survey.response.repository.StoredKey;
import io.effortmap.survey.response.rest.BulkItemRequest;
import io.effortmap.survey.response.rest.BulkItemResult;
import io.effortmap.survey.response.rest.BulkItemStatus;
import io.effortmap.survey.response.rest.BulkRequest;
import io.effortmap.survey.response.rest.BulkResponse;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.survey.service.SurveyService;
import io.effortmap.survey.survey.service.SurveySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Up to 1,000 responses in one request, each idempotent on its {@code externalId} (stored as the idempotency key, so
 * it shares the key space of {@code POST /responses} for the same source). Invalid items are reported and skipped;
 * the valid ones are stored together in one transaction. A batch costs a fixed number of statements: look up known
 * keys, load the surveys, insert responses, insert answers, and look up keys lost to concurrent writers.
 */
@ApplicationScoped
public class BulkResponseService {

    public static final int MAX_ITEMS = 1000;

    @Inject
    ResponseRepository repository;

    @Inject
    ResponseService responses;

    @Inject
    SurveyService surveys;

    /** Per-item working state; each slot ends with a status. */
    private static final class Slot {
        final int index;
        final String externalId;
        ParsedResponse parsed;
        String hash;
        Slot sameAs;
        BulkItemStatus status;
        UUID id;
        List<Problem.FieldError> errors = List.of();

        Slot(int index, String externalId) {
            this.index = index;
            this.externalId = externalId;
        }

        boolean open() {
            return status == null && sameAs == null;
        }

        void reject(List<Problem.FieldError> why) {
            status = BulkItemStatus.REJECTED;
            errors = why;
        }

        void reject(String field, String message) {
            reject(List.of(new Problem.FieldError(field, message)));
        }
    }

    public Uni<BulkResponse> submit(String workspace, String source, BulkRequest request) {
        List<Slot> slots;
        try {
            slots = parse(request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return resolveKnownKeys(workspace, source, slots)
                .chain(() -> validateAgainstSurveys(workspace, source, slots))
                .chain(batch -> responses.insert(batch).chain(inserted -> {
                    List<Slot> lost = new ArrayList<>();
                    Map<String, Slot> byKey = new HashMap<>();
                    for (Slot slot : slots) {
                        if (slot.open() && slot.id != null) {
                            if (inserted.containsKey(slot.id)) {
                                slot.status = BulkItemStatus.ACCEPTED;
                            } else {
                                lost.add(slot);
                                byKey.put(slot.externalId, slot);
                            }
                        }
                    }
                    // Keys a concurrent request inserted between our look-up and our insert.
                    return lost.isEmpty() ? Uni.createFrom().voidItem()
                            : repository.findKeys(workspace, source, byKey.keySet())
                                    .invoke(stored -> lost.forEach(slot -> matchStored(slot, stored.get(slot.externalId))))
                                    .replaceWithVoid();
                }))
                .map(ignored -> summarise(slots));
    }

    /** Envelope (400 for the whole request) and per-item shape checks (the item is rejected). */
    private static List<Slot> parse(BulkRequest request) {
        List<BulkItemRequest> items = request == null ? null : request.items();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ProblemException.badRequest("items", "must contain 1 to " + MAX_ITEMS + " items");
        }
        List<Slot> slots = new ArrayList<>(items.size());
        Map<String, Slot> firstByKey = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BulkItemRequest item = items.get(i);
            Slot slot = new Slot(i, item == null ? null : item.externalId());
            slots.add(slot);
            if (item == null) {
                slot.reject("item", "must not be null");
                continue;
            }
            FieldErrors errors = new FieldErrors();
            errors.text("externalId", item.externalId(), true, ResponseService.MAX_KEY_LENGTH);
            if (item.externalId() != null && !item.externalId().isBlank()
                    && ResponseService.keyProblem(item.externalId()) != null) {
                errors.add("externalId", ResponseService.keyProblem(item.externalId()));
            }
            ParsedResponse parsed = ResponseValidator.parse(item, errors);
            if (!errors.isEmpty()) {
                slot.reject(errors.list());
                continue;
            }
            slot.parsed = parsed;
            slot.hash = RequestHasher.hash(parsed);
            Slot first = firstByKey.putIfAbsent(slot.externalId, slot);
            if (first != null) {
                if (first.hash.equals(slot.hash)) {
                    slot.sameAs = first; // settled with the first occurrence
                } else {
                    slot.reject("externalId", "is used by item " + first.index + " of this request with different content");
                }
            }
        }
        return slots;
    }

    /** Items whose key is already stored: a duplicate when the content matches, rejected when it differs. */
    private Uni<Void> resolveKnownKeys(String workspace, String source, List<Slot> slots) {
        List<String> keys = slots.stream().filter(Slot::open).map(s -> s.externalId).toList();
        return repository.findKeys(workspace, source, keys)
                .invoke(stored -> slots.stream().filter(Slot::open)
                        .forEach(slot -> {
                            StoredKey key = stored.get(slot.externalId);
                            if (key != null) {
                                matchStored(slot, key);
                            }
                        }))
                .replaceWithVoid();
    }

    /** Checks the remaining items against their surveys; answers the responses to insert. */
    private Uni<List<NewResponse>> validateAgainstSurveys(String workspace, String source, List<Slot> slots) {
        Set<UUID> surveyIds = new LinkedHashSet<>();
        slots.stream().filter(Slot::open).forEach(slot -> surveyIds.add(slot.parsed.surveyId()));
        return surveys.snapshots(workspace, surveyIds).map(found -> {
            Instant now = Instant.now();
            List<NewResponse> batch = new ArrayList<>();
            for (Slot slot : slots) {
                if (!slot.open()) {
                    continue;
                }
                SurveySnapshot survey = found.get(slot.parsed.surveyId());
                String surveyProblem = ResponseValidator.surveyProblem(survey);
                if (surveyProblem != null) {
                    slot.reject("surveyId", surveyProblem);
                    continue;
                }
                FieldErrors errors = new FieldErrors();
                ResponseValidator.checkAgainst(slot.parsed, survey, now, errors);
                if (!errors.isEmpty()) {
                    slot.reject(errors.list());
                    continue;
                }
                slot.id = UUID.randomUUID();
                batch.add(NewResponse.of(slot.id, workspace, source, slot.externalId, slot.hash,
                        slot.parsed, survey));
            }
            return batch;
        });
    }

    private static void matchStored(Slot slot, StoredKey stored) {
        if (stored == null) {
            throw new IllegalStateException("Idempotency key conflict without a stored row");
        }
        if (stored.requestHash().equals(slot.hash)) {
            slot.status = BulkItemStatus.DUPLICATE;
            slot.id = stored.id();
        } else {
            slot.id = null;
            slot.reject("externalId", "was already used for a different response");
        }
    }

    private static BulkResponse summarise(List<Slot> slots) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        List<BulkItemResult> results = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (slot.sameAs != null) {
                // A repeat within this request shares the first occurrence's fate; if that was stored, this is a duplicate.
                Slot first = slot.sameAs;
                if (first.status == BulkItemStatus.REJECTED) {
                    slot.reject(first.errors);
                } else {
                    slot.status = BulkItemStatus.DUPLICATE;
                    slot.id = first.id;
                }
            }
            switch (slot.status) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            results.add(new BulkItemResult(slot.index, slot.externalId, slot.status,
                    slot.status == BulkItemStatus.REJECTED ? null : slot.id, slot.errors));
        }
        return new BulkResponse(accepted, duplicates, rejected, results);
    }
}
