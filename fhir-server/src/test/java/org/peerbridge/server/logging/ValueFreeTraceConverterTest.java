package org.peerbridge.server.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class ValueFreeTraceConverterTest {

    @Test
    void aTraceKeepsClassesAndFramesButNoMessage() {
        Exception unique = new SQLIntegrityConstraintViolationException("Unique index violation: ('urn:oid:1.2', 'MRN-4711')");
        Exception failure = new IllegalStateException("Database operation failed for Patient MRN-4711", unique);
        failure.addSuppressed(new IllegalArgumentException("rollback of MRN-4711 failed"));
        LoggingEvent event = new LoggingEvent("test", new LoggerContext().getLogger("test"), Level.ERROR, "incident 1", failure, null);

        String written = new ValueFreeTraceConverter().convert(event);

        assertFalse(written.contains("MRN-4711"), written);
        assertTrue(written.contains("java.lang.IllegalStateException"), written);
        assertTrue(written.contains("Caused by: java.sql.SQLIntegrityConstraintViolationException"), written);
        assertTrue(written.contains("Suppressed: java.lang.IllegalArgumentException"), written);
        assertTrue(written.contains("at org.peerbridge.server.logging.ValueFreeTraceConverterTest.aTraceKeepsClassesAndFramesButNoMessage"), written);
    }

    @Test
    void anEventWithoutAnExceptionAddsNothing() {
        LoggingEvent event = new LoggingEvent("test", new LoggerContext().getLogger("test"), Level.INFO, "ready", null, null);
        assertTrue(new ValueFreeTraceConverter().convert(event).isEmpty());
    }
}
