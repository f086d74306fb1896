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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/**
 * Guards request bodies before parsing: a body over the size limit gets 413 (counted while reading,
 * so a chunked body cannot sneak past), a body slower than the minimum data rate gets 408, a body to the
 * FHIR servlet in a media type it does not read gets 415 naming the types it does, and a body that
 * {@link BodyScreen} refuses (not UTF-8, a control character, a number too large to store, a DOCTYPE, a
 * foreign XML namespace) gets 400. A form is a FHIR search ({@code POST [type]/_search}) and nothing
 * else: {@code curl -d @bundle.json} sends one, and is told to send FHIR JSON instead of getting a
 * parser's error. An operation POSTed with no body at all (fhir-kit-client's {@code operation()}) is
 * an operation without parameters: it reaches HAPI as an empty Parameters resource. The other servlets
 * under /fhir (token endpoint, client administration) read their bodies and check their types themselves.
 */
public final class RequestBodyFilter implements Filter {

    private static final Set<String> FHIR_TYPES = Set.of("application/fhir+json", "application/json",
            "application/fhir+xml", "application/xml", "text/xml", "application/json-patch+json");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ACCEPTED = "send application/fhir+json or application/fhir+xml"
            + " (application/json-patch+json for a PATCH, " + FORM + " for POST [type]/_search only)";
    private static final byte[] NO_PARAMETERS = "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8);

    private final long maxBodyBytes;
    private final String fhirServletName;
    private final ErrorAnswerWriter errorAnswers;
    private final BodyReader reader;

    /**
     * @param fhirServletName   the servlet whose bodies are FHIR resources (HAPI's RestfulServer)
     * @param minBytesPerSecond a body arriving slower gets 408 ({@link BodyReader}); 0 turns that off
     */
    public RequestBodyFilter(long maxBodyBytes, long minBytesPerSecond, String fhirServletName, FhirContext fhirContext) {
        this.maxBodyBytes = maxBodyBytes;
        this.fhirServletName = fhirServletName;
        this.reader = new BodyReader(minBytesPerSecond);
        this.errorAnswers = new ErrorAnswerWriter(fhirContext);
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
            errorAnswers.write(request, response, 408, IssueType.TIMEOUT, null, slow.getMessage());
            return;
        }
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        if (!fhirServletName.equals(request.getHttpServletMapping().getServletName())) {
            chain.doFilter(new BufferedBodyRequest(request, body, request.getContentType()), res);
            return;
        }
        if (body.length == 0 && method.equals("POST") && isOperation(request.getRequestURI())) {
            chain.doFilter(new BufferedBodyRequest(request, NO_PARAMETERS, "application/fhir+json"), res);
            return;
        }
        String contentType = request.getContentType();
        String refusal = body.length == 0 ? null : refusal(mediaType(contentType), request.getRequestURI());
        if (refusal != null) {
            errorAnswers.write(request, response, 415, IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "Content-Type", refusal);
            return;
        }
        if (body.length > 0) {
            try {
                BodyScreen.check(body, mediaType(contentType), typeNamedBy(request));
            } catch (RefusedInput refused) {
                errorAnswers.write(request, response, 400, refused.code(), refused.location(), refused.getMessage());
                return;
            }
        }
        if (isFormSearch(request, contentType)) {
            chain.doFilter(new FormSearchRequest(request, body), res);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body, contentType), res);
    }

    /** FHIR's POST form of search: Type/_search (or _search) with the parameters as a form body. */
    private static boolean isFormSearch(HttpServletRequest request, String contentType) {
        return "POST".equals(request.getMethod()) && mediaType(contentType).equals(FORM) && request.getRequestURI().endsWith("/_search");
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

    /**
     * A POST search with its form parameters moved into the query string, after the URL's own, so that
     * HAPI reads them as it reads a GET search (it would otherwise use the URL's parameters alone).
     */
    private static final class FormSearchRequest extends BufferedBodyRequest {
        private final String query;

        FormSearchRequest(HttpServletRequest request, byte[] form) {
            super(request, new byte[0], request.getContentType());
            String fromUrl = request.getQueryString();
            String fromForm = new String(form, StandardCharsets.UTF_8).strip();
            this.query = fromUrl == null || fromUrl.isEmpty() ? fromForm : fromForm.isEmpty() ? fromUrl : fromUrl + "&" + fromForm;
        }

        @Override
        public String getQueryString() {
            return query;
        }
    }

    /** Why a body of this media type cannot be read at this path, or null when it can. */
    private static String refusal(String mediaType, String path) {
        if (mediaType.isEmpty()) {
            return "The request has a body but no Content-Type; " + ACCEPTED;
        }
        if (mediaType.equals(FORM)) {
            return path.endsWith("/_search") ? null
                    : FORM + " is a search form, read only by POST [type]/_search (curl -d sends it unless told"
                            + " -H 'Content-Type: application/fhir+json'); " + ACCEPTED;
        }
        return FHIR_TYPES.contains(mediaType) ? null : "Content-Type '" + mediaType + "' is not supported; " + ACCEPTED;
    }

    private static boolean isOperation(String path) {
        return path.substring(path.lastIndexOf('/') + 1).startsWith("$");
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is never read: the connection cannot carry another request
        errorAnswers.write(response, 413, IssueType.TOOLONG, Refusals.HTTP_LOCATION + "Content-Length",
                "Request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The request with its body already read into memory (and, for an empty operation, its stand-in's type). */
    private static class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final String contentType;

        BufferedBodyRequest(HttpServletRequest request, byte[] body, String contentType) {
            super(request);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(contentType == null ? List.of() : List.of(contentType))
                    : super.getHeaders(name);
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
