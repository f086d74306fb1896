package org.peerbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void parsesTheUsualForms() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofMinutes(1), DurationConverter.parse("PT1M"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0"));
    }

    @Test
    void rejectsGarbage() {
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("-5s"));
    }
}
