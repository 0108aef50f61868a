package io.effortmap.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class SecretMaskingFilterTest {

    private static final String TOKEN = "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ";
    private final SecretMaskingFilter filter = new SecretMaskingFilter();

    @Test
    void masksTheFormattedMessageAndKeepsTheRecord() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "HTTP Request to %s failed, error id: %s",
                ExtLogRecord.FormatStyle.PRINTF, SecretMaskingFilterTest.class.getName());
        record.setParameters(new Object[] {"/api/v1/public/surveys/" + TOKEN + "/responses", "abc-1"});
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage())
                .isEqualTo("HTTP Request to /api/v1/public/surveys/***/responses failed, error id: abc-1");
    }

    @Test
    void masksExceptionMessagesAlongTheCauseChainAndKeepsStackTraces() {
        IllegalStateException cause = new IllegalStateException("no invitation " + TOKEN);
        RuntimeException thrown = new RuntimeException("GET /s/" + TOKEN + " failed", cause);
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "request failed", SecretMaskingFilterTest.class.getName());
        record.setThrown(thrown);

        filter.isLoggable(record);

        Throwable logged = record.getThrown();
        assertThat(logged.toString()).isEqualTo("java.lang.RuntimeException: GET /s/*** failed");
        assertThat(logged.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(logged.getCause().toString()).isEqualTo("java.lang.IllegalStateException: no invitation ***");
        assertThat(record.getMessage()).isEqualTo("request failed");
    }

    @Test
    void aRecordFilteredByTwoHandlersStillNamesTheOriginalException() {
        // The console and the file handler each run the filter on the same record.
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "failed", SecretMaskingFilterTest.class.getName());
        record.setThrown(new IllegalStateException("cannot open /s/" + TOKEN, new RuntimeException(TOKEN)));

        filter.isLoggable(record);
        Throwable once = record.getThrown();
        filter.isLoggable(record);

        assertThat(record.getThrown()).isSameAs(once);
        assertThat(record.getThrown().toString()).isEqualTo("java.lang.IllegalStateException: cannot open /s/***");
        assertThat(record.getThrown().getCause().toString()).isEqualTo("java.lang.RuntimeException: ***");
    }

    @Test
    void leavesRecordsWithoutSecretsUntouched() {
        RuntimeException thrown = new RuntimeException("journey-service unavailable");
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "GET /api/v1/journeys/jr_1 failed",
                SecretMaskingFilterTest.class.getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        assertThat(record.getThrown()).isSameAs(thrown);
        assertThat(record.getMessage()).isEqualTo("GET /api/v1/journeys/jr_1 failed");
    }
}
