package io.effortmap.metrics.survey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The part of survey-service's survey this service needs: which question keys exist. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Survey(String id, List<Question> questions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(String key, String kind) {
    }

    public boolean hasQuestion(String key) {
        return questions != null && questions.stream().anyMatch(q -> key.equals(q.key()));
    }
}
