package io.effortmap.metrics.alert.repository;

import java.time.LocalDate;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one evaluation of a rule saw: the evaluated figure's value with its 95% interval and n over the window
 * {@code from..to} (days of the workspace's zone) on one scale, and for SIGNIFICANT_DROP also the previous window's
 * mean and n and Welch's p-value.
 */
@Schema(name = "AlertObservation")
public record Observation(
        @Schema(nullable = true, description = "CES mean, CSAT % satisfied (top-two-box) or NPS; for drops the current mean") Double value,
        @Schema(nullable = true) Double ci95Low, @Schema(nullable = true) Double ci95High, long n,
        @Schema(nullable = true) Integer scaleMin, @Schema(nullable = true) Integer scaleMax, LocalDate from,
        LocalDate to, @Schema(nullable = true) Double previousValue, @Schema(nullable = true) Long previousN,
        @Schema(nullable = true) Double pValue) {

    Document toDocument() {
        return new Document("value", value).append("ci95Low", ci95Low).append("ci95High", ci95High).append("n", n)
                .append("scaleMin", scaleMin).append("scaleMax", scaleMax).append("from", from.toString())
                .append("to", to.toString()).append("previousValue", previousValue).append("previousN", previousN)
                .append("pValue", pValue);
    }

    static Observation of(Document d) {
        if (d == null) {
            return null;
        }
        return new Observation(dbl(d, "value"), dbl(d, "ci95Low"), dbl(d, "ci95High"),
                d.get("n", Number.class).longValue(), integer(d, "scaleMin"), integer(d, "scaleMax"),
                LocalDate.parse(d.getString("from")), LocalDate.parse(d.getString("to")), dbl(d, "previousValue"),
                d.get("previousN") == null ? null : d.get("previousN", Number.class).longValue(), dbl(d, "pValue"));
    }

    private static Double dbl(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.doubleValue();
    }

    private static Integer integer(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.intValue();
    }
}
