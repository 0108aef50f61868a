package io.effortmap.metrics.alert.repository;

import io.effortmap.metrics.alert.service.Observation;
import java.time.LocalDate;
import org.bson.Document;

/** An {@link Observation} as stored inside an alert ({@code observed}, {@code latest}). */
final class ObservationMapper {

    private ObservationMapper() {
    }

    static Document toDocument(Observation o) {
        return new Document("value", o.value()).append("ci95Low", o.ci95Low()).append("ci95High", o.ci95High())
                .append("n", o.n()).append("scaleMin", o.scaleMin()).append("scaleMax", o.scaleMax())
                .append("from", o.from().toString()).append("to", o.to().toString())
                .append("previousValue", o.previousValue()).append("previousN", o.previousN())
                .append("pValue", o.pValue()).append(AlertRule.NUMBERS, AlertRule.FRACTIONS);
    }

    /**
     * {@code shareMetric}: the observation is a share (CSAT threshold rules); one written before the API's one number
     * convention holds it as a percentage and is read as a fraction.
     */
    static Observation of(Document d, boolean shareMetric) {
        if (d == null) {
            return null;
        }
        if (shareMetric && !d.containsKey(AlertRule.NUMBERS)) {
            return new Observation(share(d, "value"), share(d, "ci95Low"), share(d, "ci95High"),
                    d.get("n", Number.class).longValue(), integer(d, "scaleMin"), integer(d, "scaleMax"),
                    LocalDate.parse(d.getString("from")), LocalDate.parse(d.getString("to")), dbl(d, "previousValue"),
                    d.get("previousN") == null ? null : d.get("previousN", Number.class).longValue(), dbl(d, "pValue"));
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

    private static Double share(Document d, String field) {
        Double percent = dbl(d, field);
        return percent == null ? null : percent / 100;
    }

    private static Integer integer(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.intValue();
    }
}
