package io.effortmap.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.effortmap.common.json.UnstorableTextException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
            if (ref.getFieldName() != null && ref.getFrom() instanceof Map<?, ?>) {
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
     * For a key repeated in one JSON object, the path of that key ({@code questions[0].key}, a map entry
     * {@code segments[region]}), else null. Jackson reports it as a parse error, which the readers of the enclosing
     * objects wrap with their part of the path; the parser still knows where it stopped.
     */
    public static String duplicateKey(Throwable e) {
        return duplicateKey(e, null);
    }

    /**
     * As {@link #duplicateKey(Throwable)} for a document read as a tree (nothing bound, so no references), which
     * {@code root} is the declared type of: its properties tell map entries ({@code segments[region]}) from fields.
     */
    public static String duplicateKey(Throwable e, Type root) {
        JsonMappingException outermost = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (outermost == null && t instanceof JsonMappingException m && m.getPath() != null && !m.getPath().isEmpty()) {
                outermost = m;
            }
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null
                    && p.getOriginalMessage().startsWith("Duplicate field")) {
                String pointer = p.getProcessor() instanceof JsonParser parser
                        ? parser.getParsingContext().pathAsPointer(false).toString() : "";
                String path = pointerToField(pointer, outermost == null ? List.of() : outermost.getPath(), root);
                return path.isEmpty() ? "body" : path;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * {@code /questions/0/key} as {@code questions[0].key}. The references of the binding that failed cover the first
     * steps of the pointer; with the declared types of the properties they name, they tell which steps are entries of a
     * map, named {@code segments[region]} like everywhere else (a key may hold dots).
     */
    static String pointerToField(String pointer, List<JsonMappingException.Reference> references, Type root) {
        StringBuilder out = new StringBuilder();
        Type type = root; // the declared type of the value reached so far, when known
        int step = 0;
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            JsonMappingException.Reference ref = step < references.size() ? references.get(step) : null;
            Class<?> raw = raw(type);
            boolean entry = ref != null && ref.getFrom() instanceof Map<?, ?> || raw != null && Map.class.isAssignableFrom(raw);
            boolean index = !entry && (ref != null ? ref.getIndex() >= 0
                    : raw != null ? Collection.class.isAssignableFrom(raw) || raw.isArray()
                    : name.chars().allMatch(Character::isDigit));
            if (entry || index) {
                out.append('[').append(name).append(']');
                type = typeArgument(type, entry ? 1 : 0);
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
                Object from = ref == null ? null : ref.getFrom();
                type = propertyType(from instanceof Class<?> c ? c : from != null ? from.getClass() : raw, name);
            }
            step++;
        }
        return out.toString();
    }

    private static Class<?> raw(Type type) {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c
                ? c : null;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : null;
    }

    /** The declared type of a bean or record property, or null when it cannot be told (renamed in JSON, say). */
    private static Type propertyType(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field.getGenericType();
                }
            }
        }
        return null;
    }
}
