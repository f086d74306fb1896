package org.peerbridge.server.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Writes a logged exception as its classes and stack frames, without any exception message. Messages are
 * where values leak: a database's unique-key error names the key's values (an MRN), a parser's error quotes
 * the input. The frames still say where it failed; the incident id in the log line ties it to the request.
 * Configured in logback.xml for every logger, the libraries' included.
 */
public final class ValueFreeTraceConverter extends ThrowableHandlingConverter {

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return CoreConstants.EMPTY_STRING;
        }
        StringBuilder out = new StringBuilder();
        append(out, proxy, "", 0);
        return out.toString();
    }

    private static void append(StringBuilder out, IThrowableProxy proxy, String prefix, int depth) {
        if (depth > 10) {
            return;
        }
        out.append(prefix).append(proxy.getClassName()).append(" (message left out: it may hold values)").append(CoreConstants.LINE_SEPARATOR);
        StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
        int shown = frames.length - proxy.getCommonFrames();
        for (int i = 0; i < shown; i++) {
            out.append("\tat ").append(frames[i].getStackTraceElement()).append(CoreConstants.LINE_SEPARATOR);
        }
        if (proxy.getCommonFrames() > 0) {
            out.append("\t... ").append(proxy.getCommonFrames()).append(" common frames omitted").append(CoreConstants.LINE_SEPARATOR);
        }
        for (IThrowableProxy suppressed : proxy.getSuppressed() == null ? new IThrowableProxy[0] : proxy.getSuppressed()) {
            append(out, suppressed, "Suppressed: ", depth + 1);
        }
        if (proxy.getCause() != null) {
            append(out, proxy.getCause(), "Caused by: ", depth + 1);
        }
    }
}
