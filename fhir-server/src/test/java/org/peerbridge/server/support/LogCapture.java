package org.peerbridge.server.support;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.peerbridge.server.logging.ValueFreeTraceConverter;
import org.slf4j.LoggerFactory;

/**
 * Everything the (in-process) server logs while it is open, exception traces included, to check that no
 * identifier, name or answer reaches a log line.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ValueFreeTraceConverter traces = new ValueFreeTraceConverter();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Each logged line as logback.xml writes it: the formatted message and the exception trace, if any. */
    public List<String> lines() {
        return List.copyOf(appender.list).stream().map(event -> event.getFormattedMessage() + "\n" + traces.convert(event)).toList();
    }

    public void assertNoneContains(String... secrets) {
        for (String line : lines()) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    fail("The log holds '" + secret + "': " + line);
                }
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
