package io.effortmap.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.effortmap.common.json.UnstorableTextException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/**
 * Client-facing names of offending fields, e.g. {@code stages[0].touchpoints[1].name}.
 *
 * <p>Hibernate Validator reports a list index on the node <em>after</em> the list ({@code touchpoints} carries the
 * index of its stage), so the index is appended to the preceding name here.
 */
public final class FieldNames {

    /** The message of a key repeated in one JSON object. */
    public static final String DUPLICATE_KEY = "appears more than once in its object";

    private FieldNames() {
    }

    public static String of(ConstraintViolation<?> violation) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && !out.isEmpty()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (at != null) {
                    out.append('[').append(at).append(']');
                }
            }
            String name = node.getName();
            if (kind == ElementKind.CONTAINER_ELEMENT || kind == ElementKind.BEAN || name == null || name.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(name);
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /**
     * The JSON path of a Jackson binding failure, relative to the document that was being read. A map entry is named
     * like Bean Validation names it, {@code segments[region]}: its key may itself hold dots.
     */
    public static String of(JsonMappingException e, String whenEmpty) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path == null || path.isEmpty()) {
            return whenEmpty;
        }
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null && ref.getFrom() instanceof java.util.Map<?, ?>) {
                out.append('[').append(ref.getFieldName()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? whenEmpty : out.toString();
    }

    /** What was wrong with a JSON value, in words a client developer understands. */
    public static String problemWith(JsonMappingException e) {
        if (e instanceof UnstorableTextException text) {
            return text.problem();
        }
        return e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                ? "is not a known property" : "has the wrong type or format";
    }

    /**
     * For a key repeated in one JSON object, the path of that key ({@code questions[0].key}), else null. Jackson
     * reports it as a parse error, which collection readers wrap; the parser still knows where it stopped.
     */
    public static String duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null
                    && p.getOriginalMessage().startsWith("Duplicate field")) {
                String path = p.getProcessor() instanceof JsonParser parser
                        ? pointerToField(parser.getParsingContext().pathAsPointer(false).toString()) : "";
                return path.isEmpty() ? "body" : path;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** {@code /questions/0/key} as {@code questions[0].key}. */
    static String pointerToField(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
        }
        return out.toString();
    }
}
