package io.effortmap.survey.response.service;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.response.mapping.CsvImport;
import io.effortmap.survey.response.rest.BulkItemStatus;
import io.effortmap.survey.response.rest.ImportResponse;
import io.effortmap.survey.response.rest.ImportRowResult;
import io.effortmap.survey.response.service.BulkResponseService.ItemOutcome;
import io.effortmap.survey.response.service.BulkResponseService.KeyedInput;
import io.effortmap.survey.survey.service.SurveyService;
import io.effortmap.survey.survey.service.SurveySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Imports another tool's CSV export into one survey: every row becomes an item of the bulk path
 * ({@link BulkResponseService#store}), keyed {@code import:<survey id>:<export's id>} (or the row's content hash), so
 * uploading a file again stores nothing twice. The file and the parameters are checked before anything is read from
 * the store; the survey must be of the caller's workspace (else 404) and ACTIVE (else 409).
 */
@ApplicationScoped
public class ResponseImportService {

    private final BulkResponseService bulk;
    private final SurveyService surveys;

    ResponseImportService(BulkResponseService bulk, SurveyService surveys) {
        this.bulk = bulk;
        this.surveys = surveys;
    }

    public Uni<ImportResponse> importCsv(String workspace, String source, ImportOptions options, byte[] body) {
        CsvImport file;
        try {
            file = CsvImport.read(body, options.preset(), options.columns(), BulkResponseService.MAX_ITEMS);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return surveys.snapshots(workspace, Set.of(options.surveyId())).chain(found -> {
            SurveySnapshot survey = found.get(options.surveyId());
            String questionKey = questionKey(survey, options);
            List<CsvImport.Row> rows = file.rows(survey.id(), questionKey, options.channel(), options.timeZone());
            List<CsvImport.Row> mapped = rows.stream().filter(row -> row.input() != null).toList();
            List<KeyedInput> items = mapped.stream().map(row -> new KeyedInput(row.key(), row.input())).toList();
            return bulk.store(workspace, source, items, index -> "row " + mapped.get(index).number() + " of this file")
                    .map(outcomes -> summarise(file, rows, outcomes));
        });
    }

    /** The scored question the file's scores answer; the survey must not require any other question. */
    private static String questionKey(SurveySnapshot survey, ImportOptions options) {
        if (survey == null) {
            throw ProblemException.notFound("No survey " + options.surveyId() + " in your workspace", "surveyId",
                    "is not a survey of your workspace");
        }
        String notActive = ResponseValidator.surveyProblem(survey);
        if (notActive != null) {
            throw ProblemException.invalid(409, "Conflict",
                    List.of(new Problem.FieldError("surveyId", notActive)));
        }
        List<String> scored = survey.questions().stream().filter(SurveySnapshot.Question::scored)
                .map(SurveySnapshot.Question::key).toList();
        String key = options.questionKey() != null ? options.questionKey() : scored.isEmpty() ? null : scored.getFirst();
        if (key == null || !scored.contains(key)) {
            throw ProblemException.unprocessable("questionKey", scored.isEmpty()
                    ? "the survey has no scored question for the file's scores to answer"
                    : "must be a scored question of the survey: " + String.join(", ", scored));
        }
        List<String> alsoRequired = survey.questions().stream().filter(q -> q.required() && !q.key().equals(key))
                .map(SurveySnapshot.Question::key).toList();
        if (!alsoRequired.isEmpty()) {
            throw ProblemException.unprocessable("questionKey", "the survey also requires "
                    + String.join(", ", alsoRequired) + ", which an import of one score column cannot answer");
        }
        return key;
    }

    /** Rows rejected by the mapping keep their errors; the others take their outcome, in order. */
    private static ImportResponse summarise(CsvImport file, List<CsvImport.Row> rows, List<ItemOutcome> outcomes) {
        List<ImportRowResult> results = new ArrayList<>(rows.size());
        List<ItemOutcome> all = new ArrayList<>(rows.size());
        int next = 0;
        for (CsvImport.Row row : rows) {
            ItemOutcome outcome = row.input() == null
                    ? new ItemOutcome(BulkItemStatus.REJECTED, null, row.errors())
                    : outcomes.get(next++);
            all.add(outcome);
            results.add(new ImportRowResult(row.number(), row.externalId(), outcome.status(), outcome.id(),
                    row.input() == null ? row.errors()
                            : outcome.errors().stream().map(error -> file.describe(row, error)).toList()));
        }
        return new ImportResponse(BulkResponseService.count(all, BulkItemStatus.ACCEPTED),
                BulkResponseService.count(all, BulkItemStatus.DUPLICATE),
                BulkResponseService.count(all, BulkItemStatus.REJECTED), results);
    }
}
