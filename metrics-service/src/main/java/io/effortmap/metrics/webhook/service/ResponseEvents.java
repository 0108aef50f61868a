package io.effortmap.metrics.webhook.service;

import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.ingest.service.ResponsePageListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes {@code response.detractor} (an NPS answer 0–6) and {@code response.hard_effort} (a CES answer in the two
 * hardest points of its scale: the bottom two on the agreement scale, where higher is easier, the top two on the
 * effort scale, where higher is harder) for each page of responses. At most one event of each type per response (its
 * first such answer), with an id derived from the response, so a re-delivered page publishes nothing new. The
 * ingestor moves its cursor only after this answers, so no event of an accepted page is lost.
 */
@ApplicationScoped
public class ResponseEvents implements ResponsePageListener {

    private final WebhookOutbox outbox;

    ResponseEvents(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /** What a receiver learns about the response: ids and the answer, no free text. */
    public record ResponseEventData(String responseId, String surveyId, String journeyId, String touchpointId,
            String channel, String customerId, Instant occurredAt, String questionKey, String scoring, int score,
            int scaleMin, int scaleMax) {
    }

    @Override
    public Uni<Void> onResponses(List<ResponseEvent> page) {
        List<WebhookEvent> events = new ArrayList<>();
        for (ResponseEvent response : page) {
            if (response.workspace() == null || response.id() == null) {
                continue;
            }
            first(response, WebhookEvent.RESPONSE_DETRACTOR, events);
            first(response, WebhookEvent.RESPONSE_HARD_EFFORT, events);
        }
        return outbox.publish(events);
    }

    private static void first(ResponseEvent response, String type, List<WebhookEvent> out) {
        for (Answer answer : response.answers() == null ? List.<Answer>of() : response.answers()) {
            if (answer.score() == null || answer.scaleMin() == null || answer.scaleMax() == null
                    || answer.scoring() == null) {
                continue;
            }
            boolean matches = type.equals(WebhookEvent.RESPONSE_DETRACTOR) ? detractor(answer) : hardEffort(answer);
            if (matches) {
                Instant at = response.receivedAt() != null ? response.receivedAt() : response.occurredAt();
                out.add(new WebhookEvent(response.workspace(), type, "response." + response.id() + "." + type, at,
                        new ResponseEventData(response.id(), response.surveyId(), response.journeyId(),
                                response.touchpointId(), response.channel(), response.customerId(),
                                response.occurredAt(), answer.questionKey(), answer.scoring(), answer.score(),
                                answer.scaleMin(), answer.scaleMax())));
                return;
            }
        }
    }

    static boolean detractor(Answer answer) {
        return "NPS".equals(answer.scoring()) && answer.score() >= 0 && answer.score() <= 6;
    }

    static boolean hardEffort(Answer answer) {
        return switch (answer.scoring()) {
            case "CES_AGREEMENT" -> answer.score() <= answer.scaleMin() + 1;
            case "CES_EFFORT" -> answer.score() >= answer.scaleMax() - 1;
            default -> false;
        };
    }
}
