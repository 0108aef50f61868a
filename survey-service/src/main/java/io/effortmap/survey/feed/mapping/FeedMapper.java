package io.effortmap.survey.feed.mapping;

import io.effortmap.survey.feed.rest.FeedAnswer;
import io.effortmap.survey.feed.rest.FeedItem;
import io.effortmap.survey.feed.service.FeedPosition;
import io.effortmap.survey.response.mapping.ResponseRows;
import io.effortmap.survey.response.rest.AnswerView;
import io.vertx.mutiny.sqlclient.Row;
import java.util.List;

/** Feed rows to the contract's item shape. */
public final class FeedMapper {

    private FeedMapper() {
    }

    public static FeedItem toItem(Row row, List<AnswerView> answers) {
        FeedPosition position = new FeedPosition(Long.parseUnsignedLong(row.getString("tx_text")), row.getLong("seq"));
        return new FeedItem(position.toString(), row.getUUID("id"), row.getString("workspace"), row.getUUID("survey_id"),
                row.getString("journey_id"), row.getString("touchpoint_id"), row.getString("channel"),
                row.getString("customer_id"), ResponseRows.segments(row), ResponseRows.instant(row, "occurred_at"),
                ResponseRows.instant(row, "received_at"), answers.stream()
                        .map(a -> new FeedAnswer(a.questionKey(), a.kind().name(), a.scaleMin(), a.scaleMax(),
                                a.scoring().name(), a.score(), a.text()))
                        .toList());
    }
}
