package io.effortmap.common.logging;

import io.effortmap.common.problem.LogSafe;
import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks invitation tokens ({@link LogSafe}) in every log record before a handler writes it: messages from our code,
 * from Quarkus and Vert.x (a failed request is logged with its URI), from REST clients, and the messages of attached
 * exceptions. Installed on the log handlers of every application ({@code quarkus.log.console.filter=effortmap-secrets}
 * and the same for the file handler); it never drops a record.
 */
@LoggingFilter(name = "effortmap-secrets")
public final class SecretMaskingFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String masked = LogSafe.text(message);
        if (masked != message) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
        }
        if (record instanceof ExtLogRecord ext) {
            // A caller's own X-Request-Id is printed in every line of its request.
            String requestId = ext.getMdc(RequestIds.MDC_KEY);
            String maskedId = LogSafe.text(requestId);
            if (maskedId != requestId) {
                ext.putMdc(RequestIds.MDC_KEY, maskedId);
            }
        }
        Throwable thrown = record.getThrown();
        // Each handler runs the filter on the same record: an exception masked once is left as it is.
        if (thrown != null && !(thrown instanceof MaskedThrowable) && mentionsSecret(thrown)) {
            record.setThrown(MaskedThrowable.of(thrown));
        }
        return true;
    }

    /** Exception chains are short; the bound only guards against a chain that loops. */
    private static final int MAX_DEPTH = 16;

    private static boolean mentionsSecret(Throwable thrown) {
        return mentionsSecret(thrown, 0);
    }

    private static boolean mentionsSecret(Throwable t, int depth) {
        if (t == null || depth > MAX_DEPTH) {
            return false;
        }
        String text = t.getMessage();
        if (text != null && LogSafe.text(text) != text) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (mentionsSecret(suppressed, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && mentionsSecret(t.getCause(), depth + 1);
    }

    /**
     * Stands in for an exception whose message holds a secret: prints as the original (class name, masked message,
     * the same stack trace and causes), so the log line reads the same minus the token.
     */
    static final class MaskedThrowable extends RuntimeException {

        private final String original;

        private MaskedThrowable(Throwable source) {
            super(LogSafe.text(source.getMessage()));
            this.original = source.getClass().getName();
            setStackTrace(source.getStackTrace());
        }

        static MaskedThrowable of(Throwable source) {
            return of(source, 0);
        }

        private static MaskedThrowable of(Throwable source, int depth) {
            MaskedThrowable masked = new MaskedThrowable(source);
            Throwable cause = source.getCause();
            if (cause != null && cause != source && depth < MAX_DEPTH) {
                masked.initCause(of(cause, depth + 1));
            }
            for (Throwable suppressed : source.getSuppressed()) {
                if (depth < MAX_DEPTH) {
                    masked.addSuppressed(of(suppressed, depth + 1));
                }
            }
            return masked;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? original : original + ": " + message;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
