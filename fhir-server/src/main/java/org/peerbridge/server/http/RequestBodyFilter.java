package org.peerbridge.server.http;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/**
 * Guards request bodies before parsing: a body over the size limit gets 413 (counted while reading,
 * so a chunked body cannot sneak past), and a body in a media type the server does not read gets 415.
 */
public final class RequestBodyFilter implements Filter {

    private static final Set<String> FHIR_TYPES = Set.of("application/fhir+json", "application/json",
            "application/fhir+xml", "application/xml", "text/xml", "application/json-patch+json",
            "application/x-www-form-urlencoded");

    private final long maxBodyBytes;
    private final OutcomeWriter outcomes;

    public RequestBodyFilter(long maxBodyBytes, FhirContext fhirContext) {
        this.maxBodyBytes = maxBodyBytes;
        this.outcomes = new OutcomeWriter(fhirContext);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        String contentType = request.getContentType();
        if (body.length > 0 && !acceptable(contentType)) {
            outcomes.write(response, 415, IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "Content-Type",
                    "Content-Type '" + contentType + "' is not supported; send application/fhir+json or application/fhir+xml");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), res);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is never read: the connection cannot carry another request
        outcomes.write(response, 413, IssueType.TOOLONG, Refusals.HTTP_LOCATION + "Content-Length",
                "Request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static boolean acceptable(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return FHIR_TYPES.contains(mediaType);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    /** The request with its body already read into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() != null ? java.nio.charset.Charset.forName(getCharacterEncoding())
                            : java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
