package io.effortmap.journey.interaction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.effortmap.common.problem.FieldNames;
import io.effortmap.common.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.journey.interaction.rest.InteractionRequest;
import io.effortmap.journey.interaction.rest.ItemResult;
import io.effortmap.journey.interaction.service.InteractionService.Line;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streamed ingestion of NDJSON bodies (one interaction per line) for backfills of any size.
 *
 * <p>The body is read on a worker thread, {@value #BATCH_SIZE} lines at a time; each batch goes through the same
 * validation and idempotent insert as a JSON push, and its per-item results are streamed back before the next batch is
 * read. So memory holds one batch, never the body, and a client that stops reading the results slows the reading of
 * its own body down (back-pressure).
 */
@ApplicationScoped
public class NdjsonIngestion {

    public static final int BATCH_SIZE = 500;
    /** Far above any valid interaction; a longer line is rejected without being held in memory. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    @Inject
    InteractionService service;

    @Inject
    ObjectMapper objectMapper;

    private record Batch(List<ItemResult> results, boolean last) {
    }

    public Multi<ItemResult> ingest(String workspace, String source, InputStream body) {
        LineReader reader = new LineReader(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 16 * 1024));
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().item(() -> readBatch(reader))
                        // Reading the body blocks: never on the event loop or a MongoDB driver thread.
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(lines -> lines.isEmpty()
                                ? Uni.createFrom().item(new Batch(List.of(), true))
                                : service.ingestBatch(workspace, source, lines).map(r -> new Batch(r, reader.finished()))))
                .whilst(batch -> !batch.last())
                .onItem().transformToIterable(Batch::results);
    }

    private List<Line> readBatch(LineReader reader) {
        List<Line> lines = new ArrayList<>(BATCH_SIZE);
        try {
            while (lines.size() < BATCH_SIZE) {
                String text = reader.next();
                if (text == null) {
                    break;
                }
                int index = reader.lineNumber();
                if (reader.overlong()) {
                    lines.add(new Line(index, null,
                            new Problem.FieldError("item", "is longer than " + MAX_LINE_CHARS + " characters")));
                } else if (!text.isBlank()) {
                    lines.add(parse(index, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private Line parse(int index, String text) {
        try {
            JsonNode node = objectMapper.readTree(text);
            return new Line(index, node, null);
        } catch (JsonProcessingException e) {
            // A repeated key is named like in any other body, relative to the item (the line).
            String duplicate = FieldNames.duplicateKey(e, InteractionRequest.class);
            return new Line(index, null, duplicate == null ? new Problem.FieldError("item", "is not valid JSON")
                    : new Problem.FieldError(duplicate, FieldNames.DUPLICATE_KEY));
        }
    }

    /** Lines of at most {@link #MAX_LINE_CHARS} characters; the rest of a longer line is skipped, not buffered. */
    static final class LineReader {
        private final Reader in;
        private final StringBuilder line = new StringBuilder();
        private int lineNumber = -1;
        private boolean overlong;
        private boolean finished;

        LineReader(Reader in) {
            this.in = in;
        }

        /** The next line without its terminator, or null at the end of the body. */
        String next() throws IOException {
            if (finished) {
                return null;
            }
            line.setLength(0);
            overlong = false;
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                } else {
                    overlong = true;
                }
            }
            if (c == -1) {
                finished = true;
                if (line.isEmpty() && !overlong) {
                    return null;
                }
            }
            lineNumber++;
            int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            return line.substring(0, end);
        }

        int lineNumber() {
            return lineNumber;
        }

        boolean overlong() {
            return overlong;
        }

        boolean finished() {
            return finished;
        }
    }
}
