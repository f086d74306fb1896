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
import org.peerbridge.server.rest.errors.Outcomes;

/**
 * Guards request bodies before parsing: a body over the size limit gets 413 (counted while reading,
 * so a chunked body cannot sneak past), a body slower than the minimum data rate gets 408, a body in a media type the server does not read gets 415,
 * and a body that {@link BodyScreen} refuses (not UTF-8, a control character, a number too large
 * to store, a DOCTYPE, a foreign XML namespace) gets 400. A POST search's form parameters join the
 * URL's.
 */
public final class RequestBodyFilter implements Filter {

    private static final Set<String> FHIR_TYPES = Set.of("application/fhir+json", "application/json",
            "application/fhir+xml", "application/xml", "text/xml", "application/json-patch+json",
            "application/x-www-form-urlencoded");

    private final long maxBodyBytes;
    private final OutcomeWriter outcomes;
    private final BodyReader reader;

    /** {@code minBytesPerSecond}: a body arriving slower gets 408 ({@link BodyReader}); 0 turns that off. */
    public RequestBodyFilter(long maxBodyBytes, long minBytesPerSecond, FhirContext fhirContext) {
        this.maxBodyBytes = maxBodyBytes;
        this.reader = new BodyReader(minBytesPerSecond);
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
        byte[] body;
        try {
            body = reader.readAtMost(request.getInputStream(), maxBodyBytes + 1);
        } catch (BodyReader.TooSlow slow) {
            response.setHeader("Connection", "close"); // the rest of the body is never read
            outcomes.write(request, response, 408, IssueType.TIMEOUT, null, slow.getMessage());
            return;
        }
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        String contentType = request.getContentType();
        if (body.length > 0 && !acceptable(contentType)) {
            outcomes.write(request, response, 415, IssueType.NOTSUPPORTED, Outcomes.HTTP_LOCATION + "Content-Type",
                    "Content-Type '" + contentType + "' is not supported; send application/fhir+json or application/fhir+xml");
            return;
        }
        if (body.length > 0) {
            try {
                BodyScreen.check(body, mediaType(contentType), typeNamedBy(request));
            } catch (RefusedInput refused) {
                outcomes.write(request, response, 400, refused.code(), refused.location(), refused.getMessage());
                return;
            }
        }
        if (isFormSearch(request, contentType)) {
            chain.doFilter(new FormSearchRequest(request, body), res);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), res);
    }

    /** FHIR's POST form of search: Type/_search (or _search) with the parameters as a form body. */
    private static boolean isFormSearch(HttpServletRequest request, String contentType) {
        return "POST".equals(request.getMethod()) && contentType != null && mediaType(contentType).equals(QueryParameters.FORM)
                && request.getRequestURI().endsWith("/_search");
    }

    /** The resource type of /fhir/Type/..., to locate problems in a body that does not say (yet) what it is. */
    private static String typeNamedBy(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            return null;
        }
        String first = path.substring(1).split("/", 2)[0];
        return first.matches("[A-Z][A-Za-z]*") ? first : null;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is never read: the connection cannot carry another request
        outcomes.write(response, 413, IssueType.TOOLONG, Outcomes.HTTP_LOCATION + "Content-Length",
                "Request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static boolean acceptable(String contentType) {
        return contentType != null && FHIR_TYPES.contains(mediaType(contentType));
    }

    /**
     * A POST search with its form parameters moved into the query string, after the URL's own, so that
     * HAPI reads them as it reads a GET search (it would otherwise use the URL's parameters alone).
     */
    private static final class FormSearchRequest extends BufferedBodyRequest {
        private final String query;

        FormSearchRequest(HttpServletRequest request, byte[] form) {
            super(request, new byte[0]);
            String fromUrl = request.getQueryString();
            String fromForm = new String(form, java.nio.charset.StandardCharsets.UTF_8).strip();
            this.query = fromUrl == null || fromUrl.isEmpty() ? fromForm : fromForm.isEmpty() ? fromUrl : fromUrl + "&" + fromForm;
        }

        @Override
        public String getQueryString() {
            return query;
        }
    }

    /** The request with its body already read into memory. */
    private static class BufferedBodyRequest extends HttpServletRequestWrapper {
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
