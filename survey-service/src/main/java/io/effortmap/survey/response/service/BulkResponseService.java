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
import java.util.function.IntFunction;

/**
 * Up to 1,000 responses in one request, each idempotent on its {@code externalId} (stored as the idempotency key, so
 * it shares the key space of {@code POST /responses} for the same source). Invalid items are reported and skipped;
 * the valid ones are stored together in one transaction. A batch costs a fixed number of statements: look up known
 * keys, load the surveys, insert responses, insert answers, and look up keys lost to concurrent writers.
 * {@link #store} is that path on its own; the JSON bulk endpoint and the CSV import both go through it.
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

    /** A response to store under an idempotency key; a null input is rejected as a whole. */
    public record KeyedInput(String key, ResponseInput input) {
    }

    /** What became of one item: {@code id} is null when rejected, {@code errors} empty unless rejected. */
    public record ItemOutcome(BulkItemStatus status, UUID id, List<Problem.FieldError> errors) {
    }

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
        List<BulkItemRequest> items = request == null ? null : request.items();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("items", "must contain 1 to " + MAX_ITEMS + " items"));
        }
        List<KeyedInput> keyed = items.stream()
                .map(item -> item == null ? new KeyedInput(null, null) : new KeyedInput(item.externalId(), item))
                .toList();
        return store(workspace, source, keyed, index -> "item " + index + " of this request").map(outcomes -> {
            List<BulkItemResult> results = new ArrayList<>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                ItemOutcome outcome = outcomes.get(i);
                results.add(new BulkItemResult(i, keyed.get(i).key(), outcome.status(), outcome.id(), outcome.errors()));
            }
            return new BulkResponse(count(outcomes, BulkItemStatus.ACCEPTED), count(outcomes, BulkItemStatus.DUPLICATE),
                    count(outcomes, BulkItemStatus.REJECTED), results);
        });
    }

    /**
     * Validates and stores a batch of at most {@link #MAX_ITEMS} responses (the caller checks the size); answers one
     * outcome per item, in order. {@code itemName} names an item by its index in messages about repeats ("item 3 of
     * this request").
     */
    public Uni<List<ItemOutcome>> store(String workspace, String source, List<KeyedInput> items,
            IntFunction<String> itemName) {
        List<Slot> slots = parse(items, itemName);
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
                .map(ignored -> outcomes(slots));
    }

    public static int count(List<ItemOutcome> outcomes, BulkItemStatus status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Per-item shape checks (the item is rejected) and repeats of a key within the batch. */
    private static List<Slot> parse(List<KeyedInput> items, IntFunction<String> itemName) {
        List<Slot> slots = new ArrayList<>(items.size());
        Map<String, Slot> firstByKey = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            KeyedInput item = items.get(i);
            Slot slot = new Slot(i, item.key());
            slots.add(slot);
            if (item.input() == null) {
                slot.reject("item", "must not be null");
                continue;
            }
            FieldErrors errors = new FieldErrors();
            errors.text("externalId", item.key(), true, ResponseService.MAX_KEY_LENGTH);
            if (item.key() != null && !item.key().isBlank() && ResponseService.keyProblem(item.key()) != null) {
                errors.add("externalId", ResponseService.keyProblem(item.key()));
            }
            ParsedResponse parsed = ResponseValidator.parse(item.input(), errors);
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
                    slot.reject("externalId", "is used by " + itemName.apply(first.index) + " with different content");
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

    private static List<ItemOutcome> outcomes(List<Slot> slots) {
        List<ItemOutcome> outcomes = new ArrayList<>(slots.size());
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
            outcomes.add(new ItemOutcome(slot.status, slot.status == BulkItemStatus.REJECTED ? null : slot.id,
                    slot.errors));
        }
        return outcomes;
    }
}
