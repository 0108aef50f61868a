package io.effortmap.survey.response.service;

import java.util.List;
import java.util.Map;

/** The fields of a response shared by {@code POST /responses} and every bulk item, validated by one validator. */
public interface ResponseInput {

    String surveyId();

    String customerId();

    String channel();

    String occurredAt();

    String interactionId();

    Map<String, String> segments();

    List<? extends AnswerInput> answers();

    interface AnswerInput {

        String questionKey();

        Integer score();

        String text();
    }
}
