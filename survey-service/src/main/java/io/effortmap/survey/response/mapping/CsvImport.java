package io.effortmap.survey.response.mapping;

import static io.effortmap.survey.response.mapping.ImportColumn.COMMENT;
import static io.effortmap.survey.response.mapping.ImportColumn.EXTERNAL_ID;
import static io.effortmap.survey.response.mapping.ImportColumn.RESPONDENT;
import static io.effortmap.survey.response.mapping.ImportColumn.SCORE;
import static io.effortmap.survey.response.mapping.ImportColumn.SUBMITTED_AT;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.text.StorableText;
import io.effortmap.survey.response.service.ResponseInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV export of another survey tool (RFC 4180, UTF-8 with or without a BOM, a header row), each data row mapped to
 * one response for the bulk path: its score answers one scored question and its comment becomes that answer's
 * verbatim text. Whole-file problems (not UTF-8, not CSV, a mapped column missing from the header, no rows or too
 * many) throw a 400 naming the body or the column parameter; a bad row is only rejected, with errors naming its row
 * (the header is row 1, as a spreadsheet numbers it) and its column.
 */
public final class CsvImport {

    private static final String KEY_PREFIX = "import:";
    /** The key {@code import:<survey id>:<external id>} must fit the 200 characters of any idempotency key. */
    private static final int MAX_EXTERNAL_ID_LENGTH = 200 - KEY_PREFIX.length() - 36 - 1;
    private static final int MAX_SHOWN_VALUE = 40;
    private static final int MAX_LISTED_COLUMNS = 20;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,11}");
    /** ISO-8601 local date-time, then an optional offset ({@code Z}, {@code +02:00} or {@code +0200}). */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /**
     * One data row: the response to store under {@code key}, or (input and key null) the errors that reject it.
     * {@code cells} holds the trimmed value of every mapped column.
     */
    public record Row(int number, String externalId, String key, ResponseInput input, List<Problem.FieldError> errors,
            Map<ImportColumn, String> cells) {
    }

    private record ImportedAnswer(String questionKey, Integer score, String text) implements ResponseInput.AnswerInput {
    }

    private record ImportedResponse(String surveyId, String customerId, String channel, String occurredAt,
            List<ImportedAnswer> answers) implements ResponseInput {

        @Override
        public String interactionId() {
            return null;
        }

        @Override
        public Map<String, String> segments() {
            return null;
        }
    }

    private final Map<ImportColumn, String> names;
    private final Map<ImportColumn, Integer> positions;
    private final List<CSVRecord> records;

    private CsvImport(Map<ImportColumn, String> names, Map<ImportColumn, Integer> positions, List<CSVRecord> records) {
        this.names = names;
        this.positions = positions;
        this.records = records;
    }

    /** Reads the whole file; throws a 400 problem for anything that makes the file as a whole unusable. */
    public static CsvImport read(byte[] body, ImportPreset preset, Map<ImportColumn, String> overrides, int maxRows) {
        String text = decode(body);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw ProblemException.badRequest("body", "is empty: send a CSV file with a header row");
            }
            List<String> header = it.next().stream().map(String::trim).toList();
            Map<ImportColumn, Integer> positions = resolve(header, preset, overrides);
            Map<ImportColumn, String> names = new EnumMap<>(ImportColumn.class);
            positions.forEach((column, at) -> names.put(column, header.get(at)));
            // Qualtrics' two extra header rows are read too, so that they do not count against the limit.
            int wanted = maxRows + (preset.qualtricsHeaderRows ? 2 : 0);
            List<CSVRecord> records = new ArrayList<>();
            while (it.hasNext() && records.size() <= wanted) {
                CSVRecord record = it.next();
                if (record.stream().anyMatch(cell -> !cell.isBlank())) {
                    records.add(record);
                }
            }
            if (preset.qualtricsHeaderRows && records.size() >= 2 && isQualtricsImportIds(records.get(1))) {
                records = new ArrayList<>(records.subList(2, records.size()));
            }
            if (records.isEmpty()) {
                throw ProblemException.badRequest("body", "has a header row but no data rows");
            }
            if (records.size() > maxRows) {
                throw ProblemException.badRequest("body", "has more than " + maxRows
                        + " data rows; split the file into parts of at most " + maxRows);
            }
            return new CsvImport(names, positions, records);
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw ProblemException.badRequest("body", "is not valid CSV (RFC 4180): " + cause.getMessage());
        }
    }

    /** Strict UTF-8 without the optional byte order mark; a blank file is empty. */
    private static String decode(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "must be UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw ProblemException.badRequest("body", "is empty: send a CSV file with a header row");
        }
        return text;
    }

    /** The third Qualtrics header row holds {"ImportId": ...} JSON for every column. */
    private static boolean isQualtricsImportIds(CSVRecord record) {
        return record.stream().anyMatch(cell -> cell.trim().startsWith("{\"ImportId\""));
    }

    /** Header names match case-insensitively; the first of equal names wins. */
    private static Map<ImportColumn, Integer> resolve(List<String> header, ImportPreset preset,
            Map<ImportColumn, String> overrides) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), i);
        }
        Map<ImportColumn, Integer> positions = new EnumMap<>(ImportColumn.class);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ImportColumn column : ImportColumn.values()) {
            String named = overrides.get(column);
            List<String> candidates = named != null ? List.of(named) : preset.defaults(column);
            Integer found = candidates.stream().map(c -> byName.get(c.trim().toLowerCase(Locale.ROOT)))
                    .filter(at -> at != null).findFirst().orElse(null);
            if (found != null) {
                positions.put(column, found);
            } else if (named != null) {
                errors.add(new Problem.FieldError(column.parameter,
                        "names column '" + named + "', which the header does not have" + listing(header)));
            } else if (column.required) {
                errors.add(new Problem.FieldError(column.parameter, candidates.isEmpty()
                        ? "is required with preset " + preset.wireName() + ": name the column that holds the score, e.g. Q1"
                        : "the header has no column " + candidates.stream().map(c -> "'" + c + "'")
                                .collect(Collectors.joining(" or ")) + "; name the column with " + column.parameter
                                + listing(header)));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(400, "Bad Request", errors);
        }
        return positions;
    }

    private static String listing(List<String> header) {
        String shown = header.stream().limit(MAX_LISTED_COLUMNS).map(CsvImport::shown).collect(Collectors.joining(", "));
        return " (it has: " + shown + (header.size() > MAX_LISTED_COLUMNS ? ", …" : "") + ")";
    }

    /** Every data row as a response to {@code questionKey} of the survey, or the errors that reject it. */
    public List<Row> rows(UUID surveyId, String questionKey, String channel, ZoneId zone) {
        return records.stream().map(record -> row(record, surveyId, questionKey, channel, zone)).toList();
    }

    private Row row(CSVRecord record, UUID surveyId, String questionKey, String channel, ZoneId zone) {
        int number = Math.toIntExact(record.getRecordNumber());
        Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
        positions.forEach((column, at) -> cells.put(column, at < record.size() ? record.get(at).trim() : ""));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ImportColumn column : List.of(RESPONDENT, COMMENT, EXTERNAL_ID)) {
            String problem = StorableText.problem(cells.get(column));
            if (problem != null) {
                errors.add(error(number, column, cells, problem));
            }
        }
        Integer score = null;
        String scoreCell = cells.get(SCORE);
        if (scoreCell.isEmpty()) {
            errors.add(error(number, SCORE, cells, "is required"));
        } else {
            try {
                score = Integer.valueOf(scoreCell);
            } catch (NumberFormatException e) {
                errors.add(error(number, SCORE, cells, "is not a whole number"));
            }
        }
        Instant submittedAt = null;
        String timeCell = cells.get(SUBMITTED_AT);
        if (timeCell.isEmpty()) {
            errors.add(error(number, SUBMITTED_AT, cells, "is required"));
        } else {
            try {
                submittedAt = instant(timeCell, zone);
            } catch (DateTimeException | ArithmeticException e) {
                errors.add(error(number, SUBMITTED_AT, cells, "is not a date-time: use ISO-8601 (2026-11-01T10:00:00Z, "
                        + "or 2026-11-01 10:00:00 read in timeZone) or unix seconds"));
            }
        }
        String externalId = blankToNull(cells.get(EXTERNAL_ID));
        if (externalId != null && externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            errors.add(error(number, EXTERNAL_ID, cells, "must be at most " + MAX_EXTERNAL_ID_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            return new Row(number, externalId, null, null, List.copyOf(errors), cells);
        }
        // Without an id of the export, the row's own content identifies it: the same row uploaded again has the same key.
        String key = KEY_PREFIX + surveyId + ":" + (externalId != null ? externalId : "sha256:" + contentHash(cells));
        ResponseInput input = new ImportedResponse(surveyId.toString(), blankToNull(cells.get(RESPONDENT)), channel,
                submittedAt.toString(), List.of(new ImportedAnswer(questionKey, score, blankToNull(cells.get(COMMENT)))));
        return new Row(number, externalId, key, input, List.of(), cells);
    }

    /**
     * A rejection of the bulk path, named after the row and the column it concerns: {@code answers[0].score} becomes
     * the score column ("row 3: score 9 must be from 1 to 7"). Problems of the survey or the question keep their
     * parameter's name.
     */
    public Problem.FieldError describe(Row row, Problem.FieldError error) {
        ImportColumn column = switch (error.field()) {
            case "customerId" -> RESPONDENT;
            case "occurredAt" -> SUBMITTED_AT;
            case "answers[0].score" -> SCORE;
            case "answers[0].text" -> COMMENT;
            case "externalId" -> row.externalId() == null ? null : EXTERNAL_ID;
            default -> null;
        };
        if (column != null) {
            return error(row.number(), column, row.cells(), error.message());
        }
        String field = switch (error.field()) {
            case "answers", "answers[0].questionKey" -> "questionKey";
            // A content-keyed row whose content was stored before, read with another channel, question or time zone.
            case "externalId" -> "row";
            default -> error.field();
        };
        return new Problem.FieldError(field, "row " + row.number() + ": " + error.message());
    }

    /** "row 3: score 9 must be from 1 to 7": the column's name, and its value where that helps and is short. */
    private Problem.FieldError error(int row, ImportColumn column, Map<ImportColumn, String> cells, String message) {
        String name = names.get(column);
        String value = cells.getOrDefault(column, "");
        boolean show = column != RESPONDENT && column != COMMENT && !value.isEmpty() && StorableText.isStorable(value);
        return new Problem.FieldError(name, "row " + row + ": " + name + (show ? " " + shown(value) : "") + " " + message);
    }

    private static String shown(String value) {
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
    }

    /** Unix seconds, or ISO-8601 with an offset, or a local date-time (T or a space before the time) in {@code zone}. */
    static Instant instant(String text, ZoneId zone) {
        if (EPOCH_SECONDS.matcher(text).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed = DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                : ((LocalDateTime) parsed).atZone(zone).toInstant();
    }

    private static String contentHash(Map<ImportColumn, String> cells) {
        // U+001F cannot occur in a cell that reaches this point (control characters are rejected above).
        String content = String.join("\u001f", cells.get(SCORE), cells.get(RESPONDENT), cells.get(SUBMITTED_AT),
                cells.getOrDefault(COMMENT, ""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
