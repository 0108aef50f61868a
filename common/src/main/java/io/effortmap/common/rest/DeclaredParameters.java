package io.effortmap.common.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.text.StorableText;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every operation accepts exactly the query parameters its resource method declares: a misspelt filter
 * ({@code ?touchpointID=…}) answers 400 naming it instead of silently returning unfiltered data. Query and path
 * parameter values must also be {@link StorableText storable text}, like every JSON string. One filter for every
 * resource of every service, so no operation can forget it.
 */
public class DeclaredParameters {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        MultivaluedMap<String, String> query = uri.getQueryParameters(true);
        Set<String> known = declared.computeIfAbsent(method, DeclaredParameters::queryParameters);
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            String name = param.getKey();
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(printable(name), known.isEmpty()
                        ? "is not a parameter of this operation, which takes no query parameters"
                        : "is not a parameter of this operation; it takes " + String.join(", ", known)));
                continue;
            }
            for (String value : param.getValue()) {
                String problem = StorableText.problem(value);
                if (problem != null) {
                    errors.add(new Problem.FieldError(name, problem));
                    break;
                }
            }
        }
        uri.getPathParameters(true).forEach((name, values) -> {
            for (String value : values) {
                String problem = StorableText.problem(value);
                if (problem != null) {
                    errors.add(new Problem.FieldError(name, problem));
                    break;
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(400, "Bad Request", errors);
        }
    }

    /** The query parameter names of a resource method, including those of its {@code @BeanParam} classes. */
    static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            String name = queryName(parameter.getAnnotations(), parameter.getName());
            if (name != null) {
                names.add(name);
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                beanParams(parameter.getType(), names);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static void beanParams(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                String name = queryName(field.getAnnotations(), field.getName());
                if (name != null) {
                    names.add(name);
                } else if (field.isAnnotationPresent(BeanParam.class)) {
                    beanParams(field.getType(), names);
                }
            }
        }
    }

    private static String queryName(Annotation[] annotations, String implicitName) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof RestQuery q) {
                return q.value().isEmpty() ? implicitName : q.value();
            }
        }
        return null;
    }

    /** A parameter name as the client sent it, unless it is too odd to echo. */
    private static String printable(String name) {
        return name.length() <= 100 && StorableText.isStorable(name) ? name : "query";
    }
}
