package io.effortmap.survey.response.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.survey.response.mapping.CsvExport;
import io.effortmap.survey.response.repository.ResponseQueryRepository;
import io.effortmap.survey.response.rest.ResponsePage;
import io.effortmap.survey.response.rest.ResponseView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/** Lists responses page by page and exports them as a stream, both over the same keyset-paginated query. */
@ApplicationScoped
public class ResponseQueryService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    /** Responses per database round trip of an export; each chunk is written out before the next is read. */
    static final int EXPORT_CHUNK = 500;

    /** Export formats and their media types. */
    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        NDJSON("application/x-ndjson", "ndjson");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public static Format parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return CSV;
            }
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("format", "must be csv or ndjson");
            }
        }
    }

    @Inject
    ResponseQueryRepository repository;

    @Inject
    ObjectMapper json;

    public Uni<ResponsePage> list(String workspace, ResponseFilter filter, String limit, String after) {
        int pageSize;
        ResponseCursor cursor;
        try {
            pageSize = QueryParams.limit("limit", limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
            cursor = ResponseCursor.decode(after);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return repository.page(workspace, filter, cursor, pageSize + 1).map(found -> {
            boolean more = found.size() > pageSize;
            List<ResponseView> page = more ? found.subList(0, pageSize) : found;
            return new ResponsePage(page, more ? cursorOf(page.getLast()).encode() : null);
        });
    }

    /**
     * Every matching response as text chunks (one per {@link #EXPORT_CHUNK} responses), read lazily: the next chunk is
     * queried only when the previous one has been written, so memory stays bounded whatever the size of the export.
     * CSV first reads the question keys of the matching answers for its header.
     */
    public Multi<String> export(String workspace, ResponseFilter filter, Format format) {
        Multi<List<ResponseView>> chunks = Multi.createBy().repeating()
                .uni(AtomicReference<ResponseCursor>::new, at -> repository.page(workspace, filter, at.get(), EXPORT_CHUNK)
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                at.set(cursorOf(page.getLast()));
                            }
                        }))
                .until(List::isEmpty)
                .filter(page -> !page.isEmpty());
        if (format == Format.NDJSON) {
            return chunks.map(this::ndjson);
        }
        return repository.answerKeys(workspace, filter).map(CsvExport::new).toMulti()
                .flatMap(csv -> Multi.createBy().concatenating()
                        .streams(Multi.createFrom().item(csv.header()), chunks.map(csv::rows)));
    }

    private String ndjson(List<ResponseView> page) {
        StringBuilder out = new StringBuilder();
        for (ResponseView view : page) {
            try {
                out.append(json.writeValueAsString(view)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write response " + view.id(), e);
            }
        }
        return out.toString();
    }

    private static ResponseCursor cursorOf(ResponseView view) {
        return new ResponseCursor(view.occurredAt(), view.id());
    }
}
