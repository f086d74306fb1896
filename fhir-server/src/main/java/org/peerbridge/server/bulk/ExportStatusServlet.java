package org.peerbridge.server.bulk;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerFormat;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.storage.Database;

/**
 * The status URL of an export and its files (IG STU2), behind the same authentication and audit as the API:
 * <ul>
 *   <li>{@code GET [base]/bulk-export/[job]}: 202 with X-Progress and Retry-After while it runs, 200 with
 *       the manifest when it is done, 500 with an OperationOutcome when it failed;</li>
 *   <li>{@code DELETE [base]/bulk-export/[job]}: cancels it and removes its files (202);</li>
 *   <li>{@code GET [base]/bulk-export/[job]/[n].ndjson}: a file, streamed chunk by chunk.</li>
 * </ul>
 * Only the client that started an export reaches it; for any other, as for an unknown, expired or
 * cancelled export, the answer is the same 404, so nothing tells another client an export exists.
 */
final class ExportStatusServlet extends HttpServlet {

    static final String PATH = "/bulk-export";
    static final String FILE_SUFFIX = ".ndjson";
    static final String NDJSON = "application/fhir+ndjson";
    /** Seconds a client is asked to wait between polls. */
    private static final String RETRY_AFTER = "2";
    private static final Pattern STATUS = Pattern.compile("/([0-9a-f-]{36})");
    private static final Pattern FILE = Pattern.compile("/([0-9a-f-]{36})/([1-9][0-9]{0,8})" + Pattern.quote(FILE_SUFFIX));

    private final Database database;
    private final ExportJobs jobs;
    private final ExportFiles files;
    private final ErrorAnswerWriter outcomes;
    private final Function<HttpServletRequest, String> publicBase;

    ExportStatusServlet(Database database, ExportJobs jobs, ExportFiles files, ErrorAnswerWriter outcomes,
            Function<HttpServletRequest, String> publicBase) {
        this.database = database;
        this.jobs = jobs;
        this.files = files;
        this.outcomes = outcomes;
        this.publicBase = publicBase;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Matcher status = STATUS.matcher(path);
        Matcher file = FILE.matcher(path);
        String method = request.getMethod();
        if (status.matches() && (method.equals("GET") || method.equals("DELETE"))) {
            audit(method.equals("GET") ? "bulk-status" : "bulk-cancel", method.equals("GET") ? "R" : "D");
            if (method.equals("GET")) {
                status(request, response, status.group(1));
            } else {
                cancel(request, response, status.group(1));
            }
        } else if (file.matches() && method.equals("GET")) {
            audit("bulk-download", "R");
            download(request, response, file.group(1), Integer.parseInt(file.group(2)));
        } else if (status.matches() || file.matches()) {
            response.setHeader("Allow", status.matches() ? "GET, DELETE" : "GET");
            outcomes.write(request, response, 405, IssueType.NOTSUPPORTED, null, method + " is not supported here; allowed: "
                    + response.getHeader("Allow"));
        } else {
            outcomes.write(request, response, 404, IssueType.NOTFOUND, null, "No export status or file at " + PATH + path);
        }
    }

    private static void audit(String code, String action) {
        AuditContext.current().ifPresent(record -> record.interaction(code, action, null, null));
    }

    private void status(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        Optional<ExportJob> found = database.inTransaction(c -> jobs.find(c, id));
        if (found.isEmpty() || !ownedByCaller(found.get())) {
            notFound(request, response, id);
            return;
        }
        ExportJob job = found.get();
        switch (job.status()) {
            case QUEUED, RUNNING -> {
                response.setStatus(202);
                response.setHeader("X-Progress", progress(job));
                response.setHeader("Retry-After", RETRY_AFTER);
            }
            case COMPLETED -> {
                List<ExportFiles.ExportFile> jobFiles = database.inTransaction(c -> files.files(c, id));
                byte[] manifest = ExportManifest.of(job, jobFiles, publicBase.apply(request) + PATH + "/" + id + "/")
                        .getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.setHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(job.expires())
                        .atZone(ZoneOffset.UTC)));
                response.setContentType("application/json");
                response.setContentLength(manifest.length);
                response.getOutputStream().write(manifest);
            }
            case FAILED -> outcomes.write(request, response, 500, IssueType.EXCEPTION, null, "The export failed: " + job.errorText());
        }
    }

    private static String progress(ExportJob job) {
        if (job.status() == ExportJob.Status.QUEUED) {
            return "queued";
        }
        int type = Math.min(job.typeIndex(), job.types().size() - 1);
        return job.exported() + " resources exported; now " + job.types().get(type) + " (type " + (type + 1) + " of " + job.types().size() + ")";
    }

    private void cancel(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        boolean cancelled = database.inTransaction(c -> {
            Optional<ExportJob> job = jobs.find(c, id);
            return job.isPresent() && ownedByCaller(job.get()) && jobs.delete(c, id);
        });
        if (!cancelled) {
            notFound(request, response, id);
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        Refusals.addIssue(outcome, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, "Export " + id + " is cancelled and its files removed");
        byte[] body = outcomes.encode(ErrorAnswerFormat.JSON, outcome);
        response.setStatus(202);
        response.setContentType(ErrorAnswerFormat.JSON.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void download(HttpServletRequest request, HttpServletResponse response, String id, int number) throws IOException {
        Optional<ExportFiles.ExportFile> found = database.inTransaction(c -> {
            Optional<ExportJob> job = jobs.find(c, id);
            return job.isPresent() && ownedByCaller(job.get()) && job.get().status() == ExportJob.Status.COMPLETED
                    ? files.file(c, id, number) : Optional.<ExportFiles.ExportFile>empty();
        });
        if (found.isEmpty()) {
            outcomes.write(request, response, 404, IssueType.NOTFOUND, null,
                    "No file " + number + FILE_SUFFIX + " of a finished export " + id + " of this client (it may have expired or been cancelled)");
            return;
        }
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        Writer out = response.getWriter();
        for (int chunk = 1; chunk <= found.get().chunks(); chunk++) {
            int next = chunk;
            String ndjson = database.inTransaction(c -> files.chunk(c, id, number, next))
                    .orElseThrow(() -> new IllegalStateException("Export " + id + " was removed while file " + number + " was sent"));
            out.write(ndjson);
        }
        out.flush();
    }

    private static boolean ownedByCaller(ExportJob job) {
        return CallerContext.current().map(Caller::clientId).filter(job.clientId()::equals).isPresent();
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        outcomes.write(request, response, 404, IssueType.NOTFOUND, null,
                "No export " + id + " of this client: it never existed, has expired or was cancelled");
    }
}
