package io.effortmap.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.OutputStreamHandler;

/**
 * Captures what the application's console log would print while it is open: a handler on the root logger with the
 * console handler's own formatter and filters (as configured by {@code quarkus.log.console.*}), writing to memory.
 * So a test sees the lines exactly as an operator would, including any masking the configuration applies.
 */
public final class ConsoleLogCapture implements AutoCloseable {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final OutputStreamHandler handler;
    private final Logger root;

    private ConsoleLogCapture(Formatter formatter, List<Filter> filters) {
        this.root = LogContext.getLogContext().getLogger("");
        this.handler = new OutputStreamHandler(buffer, formatter);
        handler.setFilter(record -> {
            for (Filter filter : filters) {
                if (!filter.isLoggable(record)) {
                    return false;
                }
            }
            return true;
        });
        handler.setAutoFlush(true);
        root.addHandler(handler);
    }

    /** Starts capturing; fails when the application has no console handler. */
    public static ConsoleLogCapture start() {
        Logger root = LogContext.getLogContext().getLogger("");
        for (Handler handler : root.getHandlers()) {
            ConsoleLogCapture capture = find(handler, new ArrayList<>());
            if (capture != null) {
                return capture;
            }
        }
        throw new IllegalStateException("No console log handler is installed");
    }

    /** Depth-first through wrapping handlers (delayed, async), collecting the filters met on the way. */
    private static ConsoleLogCapture find(Handler handler, List<Filter> filters) {
        List<Filter> path = new ArrayList<>(filters);
        if (handler.getFilter() != null) {
            path.add(handler.getFilter());
        }
        if (handler instanceof ConsoleHandler console) {
            return new ConsoleLogCapture(console.getFormatter(), path);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                ConsoleLogCapture capture = find(child, path);
                if (capture != null) {
                    return capture;
                }
            }
        }
        return null;
    }

    public String output() {
        handler.flush();
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        handler.close();
    }
}
