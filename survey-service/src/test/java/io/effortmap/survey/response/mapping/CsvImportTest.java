package io.effortmap.survey.response.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The time forms the import reads (README, Import (CSV)); everything else is answered through the endpoint. */
class CsvImportTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2025-11-03T10:00:00Z          | 2025-11-03T10:00:00Z",
            "2025-11-03t10:00:00z          | 2025-11-03T10:00:00Z",
            "2025-11-03T10:00:00.250Z      | 2025-11-03T10:00:00.250Z",
            "2025-11-03T10:00:00+02:00     | 2025-11-03T08:00:00Z",
            "2025-11-03T10:00:00+0200      | 2025-11-03T08:00:00Z",
            "2025-11-03 10:00:00 -0700     | 2025-11-03T17:00:00Z",
            "2025-11-03 10:00:00           | 2025-11-03T09:00:00Z",
            "2025-07-03T10:00              | 2025-07-03T08:00:00Z",
            "1761900000                    | 2025-10-31T08:40:00Z"})
    void timesWithAnOffsetKeepItAndLocalTimesAreReadInTheZone(String cell, String expected) {
        assertThat(CsvImport.instant(cell, PARIS)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-03", "10:00", "2025-11-03T10:00:00+02", "03/11/2025 10:00", "1761900000000"})
    void otherFormsAreNotDateTimes(String cell) {
        assertThatThrownBy(() -> CsvImport.instant(cell, PARIS)).isInstanceOf(DateTimeException.class);
    }
}
