package io.effortmap.survey.respondent.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.store.StoreFailures;
import io.effortmap.survey.invitation.repository.InvitationRepository;
import io.effortmap.survey.invitation.repository.StoredInvitation;
import io.effortmap.survey.invitation.service.InvitationTokens;
import io.effortmap.survey.respondent.rest.PublicQuestionView;
import io.effortmap.survey.respondent.rest.PublicResponseReceipt;
import io.effortmap.survey.respondent.rest.PublicResponseRequest;
import io.effortmap.survey.respondent.rest.PublicSurveyView;
import io.effortmap.survey.response.repository.ResponseRepository;
import io.effortmap.survey.response.service.NewResponse;
import io.effortmap.survey.response.service.ResponseService;
import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.service.SurveyService;
import io.effortmap.survey.survey.service.SurveySnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The respondent's side of an invitation link: read the survey, submit answers once. The token is hashed first and
 * only the hash is looked up. Unexpected failures are logged here without the request path, because the path holds
 * the token and the common problem mapper would log it.
 */
@ApplicationScoped
public class PublicSurveyService {

    /** Source of responses submitted through invitation links; their idempotency key is {@code invitation:<id>}. */
    public static final String SOURCE = "public-link";
    static final String DEFAULT_CHANNEL = "web";
    private static final Logger LOG = Logger.getLogger(PublicSurveyService.class);

    @Inject
    InvitationRepository invitations;

    @Inject
    ResponseRepository responseRepository;

    @Inject
    ResponseService responses;

    @Inject
    SurveyService surveys;

    @Inject
    Pool pool;

    /** Thrown inside the transaction when the single-use update found the invitation no longer open. */
    private static final class NotOpen extends RuntimeException {
        NotOpen() {
            super(null, null, false, false);
        }
    }

    public Uni<PublicSurveyView> survey(String token) {
        return open(token)
                .chain(invitation -> surveys.get(invitation.workspace(), invitation.surveyId().toString()))
                .map(survey -> {
                    requireActive(survey.status());
                    return new PublicSurveyView(survey.companyName(), survey.language(), survey.questions().stream()
                            .map(q -> new PublicQuestionView(q.key(), q.kind(), q.variant(), q.text(), q.required(),
                                    q.scaleMin(), q.scaleMax(), q.maxLength()))
                            .toList());
                })
                .onFailure(e -> !(e instanceof ProblemException)).transform(PublicSurveyService::logged);
    }

    /**
     * Validates like a CRM submission, then in ONE transaction marks the invitation used with a conditional update
     * ({@code where used_at is null}) and inserts the response: of concurrent submissions exactly one finds the row
     * open, the others wait for its commit, find it used and answer 409.
     */
    public Uni<PublicResponseReceipt> submit(String token, PublicResponseRequest request) {
        return open(token).chain(invitation -> surveys.snapshots(invitation.workspace(), Set.of(invitation.surveyId()))
                        .chain(found -> store(invitation, found.get(invitation.surveyId()), request)))
                .onFailure(NotOpen.class).recoverWithUni(() -> open(token).map(stillOpen -> {
                    throw LinkNotOpenException.answered();
                }))
                .onFailure(e -> !(e instanceof ProblemException)).transform(PublicSurveyService::logged);
    }

    private Uni<PublicResponseReceipt> store(StoredInvitation invitation, SurveySnapshot survey,
            PublicResponseRequest request) {
        requireActive(survey.status());
        if (request == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        String channel = request.channel() == null ? DEFAULT_CHANNEL : request.channel();
        PublicSubmission submission = new PublicSubmission(invitation.surveyId().toString(), invitation.customerId(),
                channel, Instant.now().truncatedTo(ChronoUnit.MICROS).toString(), invitation.interactionId(), Map.of(),
                request.answers());
        NewResponse response = responses.validate(invitation.workspace(), SOURCE, "invitation:" + invitation.id(),
                submission, survey);
        return pool.withTransaction(conn -> invitations.markUsed(conn, invitation.id(), response.id())
                        .chain(marked -> {
                            if (!marked) {
                                throw new NotOpen();
                            }
                            return responseRepository.insert(conn, List.of(response));
                        })
                        .call(inserted -> responseRepository.insertAnswers(conn, List.of(response))))
                .map(inserted -> new PublicResponseReceipt(inserted.get(response.id())));
    }

    /** The invitation of a token that can still be answered: unknown 404, used 409, expired 410. */
    private Uni<StoredInvitation> open(String token) {
        Optional<byte[]> hash = InvitationTokens.hash(token);
        if (hash.isEmpty()) {
            return Uni.createFrom().failure(LinkNotOpenException.malformed());
        }
        return invitations.findByTokenHash(hash.get()).map(found -> {
            StoredInvitation invitation = found.orElseThrow(LinkNotOpenException::unknown);
            if (invitation.usedAt() != null) {
                throw LinkNotOpenException.answered();
            }
            if (!invitation.expiresAt().isAfter(Instant.now())) {
                throw LinkNotOpenException.expired();
            }
            return invitation;
        });
    }

    private static void requireActive(SurveyStatus status) {
        if (status != SurveyStatus.ACTIVE) {
            throw status == SurveyStatus.CLOSED ? LinkNotOpenException.closed() : LinkNotOpenException.notOpenYet();
        }
    }

    private static Throwable logged(Throwable e) {
        if (StoreFailures.isUnavailable(e)) {
            return StoreFailures.translate(e); // an outage: 503 with Retry-After, like every other endpoint
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on a public survey request", id);
        return new ProblemException(500, "Internal Server Error", "Unexpected failure, reference " + id, null, null);
    }
}
