package io.effortmap.common.tracing;

import io.effortmap.common.problem.LogSafe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a span may carry out of the process when exporting is on, settled as it starts, before any exporter can see it:
 * <ul>
 * <li>invitation tokens ({@link LogSafe}) are masked in the URL attributes: a respondent's path
 * ({@code /api/v1/public/surveys/<token>}, {@code /s/<token>}) is a credential;</li>
 * <li>a MongoDB command ({@code mongodb.command}, which the driver's tracing records whole: filters and inserted
 * documents, i.e. customers' data) is cut to its name and collection, {@code {"find": "journeys"}}. PostgreSQL
 * statements are recorded with their {@code $n} parameters, never the values, and need nothing.</li>
 * </ul>
 * Quarkus adds every SpanProcessor bean to the tracer.
 */
@ApplicationScoped
public class RedactingSpanProcessor implements SpanProcessor {

    /** The HTTP semantic-convention attributes that hold a path or URL (current and older names). */
    static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("url.query"), AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    static final AttributeKey<String> MONGODB_COMMAND = AttributeKey.stringKey("mongodb.command");
    /** The command's first field: its name and the collection it runs on. */
    private static final Pattern COMMAND_AND_COLLECTION = Pattern.compile("^\\{\\s*\"[^\"]+\"\\s*:\\s*\"[^\"]*\"");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            String masked = LogSafe.text(value);
            if (masked != value) {
                span.setAttribute(key, masked);
            }
        }
        String command = span.getAttribute(MONGODB_COMMAND);
        if (command != null) {
            Matcher head = COMMAND_AND_COLLECTION.matcher(command);
            span.setAttribute(MONGODB_COMMAND, head.find() ? head.group() + "}" : "{}");
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
