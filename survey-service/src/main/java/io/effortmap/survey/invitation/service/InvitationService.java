package io.effortmap.survey.invitation.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.Problem;
import io.effortmap.survey.shared.IdempotencyRepository;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.invitation.config.InvitationConfig;
import io.effortmap.survey.invitation.repository.InvitationRepository;
import io.effortmap.survey.invitation.repository.NewInvitation;
import io.effortmap.survey.invitation.repository.StoredInvitation;
import io.effortmap.survey.invitation.rest.BulkInvitationRequest;
import io.effortmap.survey.invitation.rest.BulkInvitationResponse;
import io.effortmap.survey.invitation.rest.BulkInvitationResult;
import io.effortmap.survey.invitation.rest.InvitationItemStatus;
import io.effortmap.survey.invitation.rest.InvitationRequest;
import io.effortmap.survey.invitation.rest.InvitationView;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.shared.Ids;
import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.service.SurveyService;
import io.effortmap.survey.survey.service.SurveySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Creates invitations, one or up to 1,000 at a time, idempotent on (workspace, source, externalId) when an externalId
 * is given. Each gets a fresh token that is answered once and stored only as its SHA-256.
 */
@ApplicationScoped
public class InvitationService {

    public static final int MAX_ITEMS = 1000;

    @Inject
    InvitationRepository repository;

    @Inject
    SurveyService surveys;

    @Inject
    InvitationConfig config;

    @Inject
    IdempotencyRepository idempotencyKeys;

    /** The outcome of a single create: the invitation, and whether it already existed (then without token). */
    public record Outcome(InvitationView invitation, boolean replayed) {
    }

    /** Per-item working state; each slot ends with a status. */
    private static final class Slot {
        final int index;
        final InvitationRequest request;
        /** The id the invitation gets when created (an Idempotency-Key reserved it); random when null. */
        UUID presetId;
        Parsed parsed;
        Slot sameAs;
        InvitationItemStatus status;
        int errorStatus;
        List<Problem.FieldError> errors = List.of();
        NewInvitation created;
        String token;
        InvitationView view;

        Slot(int index, InvitationRequest request) {
            this.index = index;
            this.request = request;
        }

        boolean open() {
            return status == null && sameAs == null;
        }

        void reject(int httpStatus, List<Problem.FieldError> why) {
            status = InvitationItemStatus.REJECTED;
            errorStatus = httpStatus;
            errors = why;
        }

        void reject(int httpStatus, String field, String message) {
            reject(httpStatus, List.of(new Problem.FieldError(field, message)));
        }
    }

    private record Parsed(UUID surveyId, String customerId, String interactionId, String externalId, int expiryDays) {

        /** What makes two requests with one externalId the same invitation; the expiry does not count. */
        boolean sameContent(UUID otherSurveyId, String otherCustomerId, String otherInteractionId) {
            return surveyId.equals(otherSurveyId) && customerId.equals(otherCustomerId)
                    && Objects.equals(interactionId, otherInteractionId);
        }
    }

    /**
     * 201 (new, with token), 200 (externalId or Idempotency-Key already used for the same invitation: that one, without
     * token, since only the token's hash is kept), or a problem.
     */
    public Uni<Outcome> create(String workspace, String source, String idempotencyKey, InvitationRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("body", "is required"));
        }
        String key;
        try {
            key = IdempotencyKey.parse(idempotencyKey);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return Idempotency.createOrFind(idempotencyKeys, workspace, key,
                        key == null ? null : Fingerprint.of("POST /api/v1/invitations", request),
                        () -> UUID.randomUUID().toString(),
                        id -> {
                            Slot slot = new Slot(0, request);
                            slot.presetId = UUID.fromString(id);
                            return process(workspace, source, List.of(slot)).map(ignored -> switch (slot.status) {
                                case CREATED -> new Idempotency.Created<>(slot.view, id, false);
                                case DUPLICATE -> new Idempotency.Created<>(slot.view, slot.view.id().toString(), true);
                                case REJECTED -> throw ProblemException.invalid(slot.errorStatus, title(slot.errorStatus),
                                        slot.errors);
                            });
                        },
                        id -> repository.findById(workspace, UUID.fromString(id))
                                .map(found -> found.map(InvitationService::view).orElse(null)),
                        IdempotencyRepository::isUniqueViolation)
                .map(outcome -> new Outcome(outcome.value(), outcome.replayed()));
    }

    public Uni<BulkInvitationResponse> createBulk(String workspace, String source, BulkInvitationRequest request) {
        if (request == null || request.items() == null || request.items().isEmpty()
                || request.items().size() > MAX_ITEMS) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("items", "must contain 1 to " + MAX_ITEMS + " invitations"));
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            slots.add(new Slot(i, request.items().get(i)));
        }
        return process(workspace, source, slots).map(ignored -> summarise(slots));
    }

    /** Parse, resolve stored externalIds, check surveys, insert, then resolve rows lost to concurrent writers. */
    private Uni<Void> process(String workspace, String source, List<Slot> slots) {
        parse(slots);
        return resolveStored(workspace, source, slots, false)
                .chain(() -> prepare(workspace, source, slots))
                .chain(batch -> batch.isEmpty() ? Uni.createFrom().item(Set.<UUID>of()) : repository.insert(batch))
                .chain(inserted -> {
                    for (Slot slot : slots) {
                        if (slot.open() && slot.created != null && inserted.contains(slot.created.id())) {
                            slot.status = InvitationItemStatus.CREATED;
                        }
                    }
                    return resolveStored(workspace, source, slots, true);
                })
                .invoke(() -> slots.stream().filter(s -> s.sameAs != null).forEach(InvitationService::followFirst));
    }

    private void parse(List<Slot> slots) {
        Map<String, Slot> byExternalId = new HashMap<>();
        for (Slot slot : slots) {
            InvitationRequest r = slot.request;
            if (r == null) {
                slot.reject(400, "body", "must not be null");
                continue;
            }
            FieldErrors errors = new FieldErrors();
            UUID surveyId = null;
            if (r.surveyId() == null || r.surveyId().isBlank()) {
                errors.add("surveyId", "is required");
            } else {
                surveyId = Ids.parse(r.surveyId()).orElse(null);
                if (surveyId == null) {
                    errors.add("surveyId", "must be a UUID");
                }
            }
            String customerId = errors.text("customerId", r.customerId(), true, 200);
            String interactionId = errors.text("interactionId", r.interactionId(), false, 200);
            String externalId = errors.text("externalId", r.externalId(), false, 200);
            if (externalId != null && externalId.chars().anyMatch(Character::isISOControl)) {
                errors.add("externalId", "must be visible characters");
            }
            int days = config.defaultExpiryDays();
            if (r.expiresInDays() != null) {
                days = r.expiresInDays();
                if (days < 1 || days > config.maxExpiryDays()) {
                    errors.add("expiresInDays", "must be from 1 to " + config.maxExpiryDays());
                }
            }
            if (!errors.isEmpty()) {
                slot.reject(400, errors.list());
                continue;
            }
            slot.parsed = new Parsed(surveyId, customerId, interactionId, externalId, days);
            if (externalId != null) {
                Slot first = byExternalId.putIfAbsent(externalId, slot);
                if (first != null) {
                    slot.sameAs = first;
                }
            }
        }
    }

    /**
     * Matches open slots with an externalId against stored invitations: same survey, customer and interaction is a
     * duplicate, anything else reuses the externalId for different content (422). After the insert ({@code lost}),
     * the slots that were not inserted lost to a concurrent writer and must find their row now.
     */
    private Uni<Void> resolveStored(String workspace, String source, List<Slot> slots, boolean lost) {
        List<Slot> pending = slots.stream()
                .filter(s -> s.open() && s.parsed.externalId() != null && (!lost || s.created != null))
                .toList();
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.findByExternalIds(workspace, source, pending.stream().map(s -> s.parsed.externalId()).toList())
                .invoke(stored -> {
                    for (Slot slot : pending) {
                        StoredInvitation found = stored.get(slot.parsed.externalId());
                        if (found == null) {
                            if (lost) {
                                throw new IllegalStateException("externalId conflict without a stored invitation");
                            }
                            continue;
                        }
                        if (slot.parsed.sameContent(found.surveyId(), found.customerId(), found.interactionId())) {
                            slot.status = InvitationItemStatus.DUPLICATE;
                            slot.view = view(found);
                        } else {
                            slot.reject(422, "externalId", "was already used for a different invitation");
                        }
                    }
                })
                .replaceWithVoid();
    }

    /** Checks the surveys of the open slots and gives every valid one a token; answers the rows to insert. */
    private Uni<List<NewInvitation>> prepare(String workspace, String source, List<Slot> slots) {
        Set<UUID> surveyIds = new LinkedHashSet<>();
        slots.stream().filter(Slot::open).forEach(s -> surveyIds.add(s.parsed.surveyId()));
        return surveys.snapshots(workspace, surveyIds).map(found -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<NewInvitation> batch = new ArrayList<>();
            for (Slot slot : slots) {
                if (!slot.open()) {
                    continue;
                }
                SurveySnapshot survey = found.get(slot.parsed.surveyId());
                if (survey == null) {
                    slot.reject(422, "surveyId", "is not a survey of your workspace");
                    continue;
                }
                if (survey.status() != SurveyStatus.ACTIVE) {
                    slot.reject(409, "surveyId", "survey is " + survey.status() + "; only ACTIVE surveys take invitations");
                    continue;
                }
                slot.token = InvitationTokens.generate();
                Parsed p = slot.parsed;
                slot.created = new NewInvitation(slot.presetId != null ? slot.presetId : UUID.randomUUID(), workspace,
                        p.surveyId(), p.customerId(),
                        p.interactionId(), source, p.externalId(), InvitationTokens.sha256(slot.token), now,
                        now.plus(p.expiryDays(), ChronoUnit.DAYS));
                slot.view = new InvitationView(slot.created.id(), p.surveyId(), survey.touchpointId(), p.customerId(),
                        p.interactionId(), p.externalId(), now, slot.created.expiresAt(), slot.token, link(slot.token));
                batch.add(slot.created);
            }
            return batch;
        });
    }

    /** A repeat of an externalId within one request shares its first occurrence's fate, never its token. */
    private static void followFirst(Slot slot) {
        Slot first = slot.sameAs;
        if (first.status == InvitationItemStatus.REJECTED) {
            slot.reject(first.errorStatus, first.errors);
        } else if (!slot.parsed.sameContent(first.parsed.surveyId(), first.parsed.customerId(),
                first.parsed.interactionId())) {
            slot.reject(422, "externalId", "was already used for a different invitation");
        } else {
            slot.status = InvitationItemStatus.DUPLICATE;
            InvitationView v = first.view;
            slot.view = new InvitationView(v.id(), v.surveyId(), v.touchpointId(), v.customerId(), v.interactionId(),
                    v.externalId(), v.createdAt(), v.expiresAt(), null, null);
        }
    }

    private static BulkInvitationResponse summarise(List<Slot> slots) {
        int created = 0;
        int duplicates = 0;
        int rejected = 0;
        List<BulkInvitationResult> results = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            switch (slot.status) {
                case CREATED -> created++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            results.add(new BulkInvitationResult(slot.index, slot.request == null ? null : slot.request.externalId(),
                    slot.status, slot.status == InvitationItemStatus.REJECTED ? null : slot.view, slot.errors));
        }
        return new BulkInvitationResponse(created, duplicates, rejected, results);
    }

    private static InvitationView view(StoredInvitation s) {
        return new InvitationView(s.id(), s.surveyId(), s.touchpointId(), s.customerId(), s.interactionId(),
                s.externalId(), s.createdAt(), s.expiresAt(), null, null);
    }

    private String link(String token) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/s/" + token;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            default -> "Unprocessable Content";
        };
    }
}
