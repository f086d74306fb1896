package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.report.ReportPdf;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.audit.AuditRecord;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.web.view.CourseView;
import org.peerbridge.server.web.view.CourseViews;
import org.peerbridge.server.web.view.ReferralList;
import org.peerbridge.server.web.view.ReferralLists;

/**
 * {@code /referrals}: the organization's referrals; {@code /referrals/{id}}: one referral's course;
 * {@code /referrals/{id}/report} and {@code /report.pdf}: its progress report to print or download. Each
 * page reads through the caller's read scope ({@link WebGate}); a referral the user may not see is a 404
 * that says nothing about whether it exists. Each view's audit record lists the ids shown.
 */
final class ReferralsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern REFERRAL = Pattern.compile("/([A-Za-z0-9.-]{1,64})(/report|/report\\.pdf)?");

    private final transient ResourceStore store;
    private final transient ReferralLists lists;
    private final transient CourseViews courses;
    private final transient ProgressReports reports;
    private final transient Pages pages;
    private final transient Supplier<String> fhirBase;

    ReferralsServlet(ResourceStore store, ReferralLists lists, CourseViews courses, ProgressReports reports, Pages pages, Supplier<String> fhirBase) {
        this.store = store;
        this.lists = lists;
        this.courses = courses;
        this.reports = reports;
        this.pages = pages;
        this.fhirBase = fhirBase;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/")) {
            list(request, response);
            return;
        }
        Matcher matcher = REFERRAL.matcher(path);
        if (!matcher.matches()) {
            pages.refuse(response, 404, "There is no such page.");
            return;
        }
        String id = matcher.group(1);
        String part = matcher.group(2);
        audit().ifPresent(a -> a.interaction(part == null ? "page-course" : "page-report", "R", "ServiceRequest", id));
        try {
            if (part == null) {
                course(request, response, id);
            } else {
                report(request, response, id, part.endsWith(".pdf"));
            }
        } catch (Refusal e) {
            if (e.reason() != Refusal.Reason.NOT_FOUND) {
                throw e;
            }
            audit().ifPresent(a -> a.refused("Not found or not visible"));
            pages.refuse(response, 404, "No referral with this id is visible to you.");
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String status = request.getParameter("status");
        status = status == null || status.isEmpty() ? null : status;
        audit().ifPresent(a -> a.interaction("page-referrals", "R", null, null));
        if (status != null && !ReferralLists.knownStatus(status)) {
            pages.refuse(response, 400, "Unknown status filter; choose one from the list.");
            return;
        }
        List<String> patients = ReferralLists.patientIds(request.getParameter("patient"));
        if (patients == null) {
            pages.refuse(response, 400, "The patient filter takes up to 20 patient ids, comma-separated.");
            return;
        }
        int offset = offset(request.getParameter("offset"));
        String filter = status;
        ReferralList list = store.read(c -> lists.load(c, filter, patients, offset));
        audit().ifPresent(a -> {
            list.alerted().forEach(r -> shown(a, r));
            list.rows().forEach(r -> shown(a, r));
        });
        pages.render(request, response, "referrals", Map.of("list", list, "statuses", ReferralLists.STATUSES));
    }

    private static void shown(AuditRecord audit, ReferralList.Row row) {
        audit.shown("ServiceRequest", row.referralId());
        if (!row.patientId().isEmpty()) {
            audit.shown("Patient", row.patientId());
        }
    }

    private void course(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        CourseView view = store.read(c -> courses.load(c, id));
        audit().ifPresent(a -> {
            a.shown("Patient", view.patientId());
            view.openAlerts().forEach(alert -> a.shown("Flag", alert.flagId()));
            view.closedAlerts().forEach(alert -> a.shown("Flag", alert.flagId()));
            view.responses().forEach(r -> a.shown("QuestionnaireResponse", r.id()));
        });
        pages.render(request, response, "course", Map.of("course", view));
    }

    private void report(HttpServletRequest request, HttpServletResponse response, String id, boolean pdf) throws IOException {
        Bundle document = store.read(c -> reports.document(c, id, fhirBase.get(), new Date()));
        if (pdf) {
            byte[] bytes = ReportPdf.render(document);
            response.setContentType(ReportPdf.CONTENT_TYPE);
            response.setHeader("Content-Disposition", "attachment; filename=\"progress-report-" + id + ".pdf\"");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            return;
        }
        pages.render(request, response, "report", Map.of("referralId", id, "page", ReportPdf.xhtmlBody(document)));
    }

    private static int offset(String raw) {
        try {
            return raw == null ? 0 : Math.max(0, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static java.util.Optional<AuditRecord> audit() {
        return AuditContext.current();
    }
}
