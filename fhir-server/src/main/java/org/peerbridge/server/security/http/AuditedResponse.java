package org.peerbridge.server.security.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntConsumer;

/**
 * An answer that cannot leave before its audit row is stored: the row is stored (with the status the answer
 * has by then) just before the first byte, a flush, an error or a redirect would reach the client. When it
 * cannot be stored, nothing of the answer leaves at all: whatever the handler goes on writing is dropped, and
 * {@link #withheld()} tells the audit filter to answer 503 instead. So no data is disclosed without its audit row.
 */
final class AuditedResponse extends HttpServletResponseWrapper {

    private final IntConsumer storeAudit;
    private boolean attempted;
    private int auditedStatus;
    private RuntimeException failure;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /** @param storeAudit stores the request's audit row with the answer's status; throws when it cannot */
    AuditedResponse(HttpServletResponse response, IntConsumer storeAudit) {
        super(response);
        this.storeAudit = storeAudit;
    }

    /** Stores the audit row once, with {@code status}; true when the answer may leave. */
    boolean audit(int status) {
        if (!attempted) {
            attempted = true;
            auditedStatus = status;
            try {
                storeAudit.accept(status);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        return failure == null;
    }

    /** The status the audit row was stored with. */
    int auditedStatus() {
        return auditedStatus;
    }

    /** Why the answer was withheld: the audit row's failure; null while it may leave. */
    RuntimeException withheld() {
        return failure;
    }

    private boolean mayLeave() {
        return audit(getStatus());
    }

    @Override
    public void flushBuffer() throws IOException {
        if (mayLeave()) {
            super.flushBuffer();
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (audit(status)) {
            super.sendError(status, message);
        }
    }

    @Override
    public void sendError(int status) throws IOException {
        if (audit(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (audit(SC_FOUND)) {
            super.sendRedirect(location);
        }
    }

    @Override
    public boolean isCommitted() {
        return failure == null && super.isCommitted();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new AuditedStream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new AuditedWriter(), false);
        }
        return writer;
    }

    /** The real stream is asked for only once the answer may leave, so a withheld one leaves the response unused. */
    private final class AuditedStream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getOutputStream().write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getOutputStream().write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getOutputStream().close();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("audited answers are written blocking");
        }
    }

    private final class AuditedWriter extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getWriter().write(chars, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getWriter().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (mayLeave()) {
                AuditedResponse.super.getWriter().close();
            }
        }
    }
}
