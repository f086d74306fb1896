package org.peerbridge.server.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.referral.FulfilmentTask;
import org.peerbridge.mapping.report.ProgressNarrative;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.server.search.SearchService.SearchResult;
import org.peerbridge.server.search.StoredSearch;

/**
 * Loads the referral list with the searches an API client of the same organization would make (the
 * fulfilment Tasks with their patients, the active safety Flags and the responses that raised them), so
 * the page sees exactly what the caller's read scope lets through.
 */
public final class ReferralLists {

    public static final int PAGE_SIZE = 25;

    /** The Task statuses a referral can be filtered by, in the order of the filter's options. */
    public static final List<String> STATUSES = List.of("requested", "accepted", "in-progress", "on-hold", "completed",
            "rejected", "cancelled", "failed");

    private static final String FULFILMENT = "code=" + FulfilmentTask.TASK_CODE_SYSTEM + "|" + FulfilmentTask.FULFILL;
    private static final String ALL = "&_count=1000";

    private final StoredSearch search;

    public ReferralLists(StoredSearch search) {
        this.search = search;
    }

    /**
     * @param status   a Task status of {@link #STATUSES}, or null for all
     * @param patients Patient ids whose referrals alone are listed (as an EHR launch finds them), or empty for all
     */
    public ReferralList load(Connection c, String status, List<String> patients, int offset) throws SQLException {
        String filter = (status == null ? "" : "&status=" + status)
                + (patients.isEmpty() ? "" : "&patient=" + encode(String.join(",", patients.stream().map(p -> "Patient/" + p).toList())));
        Map<String, Integer> alerts = openAlertsByReferral(c);
        List<ReferralList.Row> alerted = List.of();
        if (!alerts.isEmpty()) {
            SearchResult flagged = search.page(c, "Task", FULFILMENT + "&focus=" + encode(String.join(",",
                    alerts.keySet().stream().map(id -> "ServiceRequest/" + id).toList())) + "&_include=Task:patient&_sort=-_lastUpdated" + filter + ALL);
            alerted = rows(flagged, alerts);
        }
        SearchResult page = search.page(c, "Task", FULFILMENT + "&_include=Task:patient&_sort=-_lastUpdated&_count=" + PAGE_SIZE
                + "&_offset=" + offset + filter);
        return new ReferralList(alerted, rows(page, alerts), page.total(), offset, PAGE_SIZE, status == null ? "" : status,
                String.join(",", patients));
    }

    /** ServiceRequest id to the number of active safety Flags raised by that referral's responses. */
    private Map<String, Integer> openAlertsByReferral(Connection c) throws SQLException {
        Map<String, Integer> flagsPerResponse = new LinkedHashMap<>();
        for (Resource found : search.find(c, "Flag", "status=active&code=" + SafetyCodes.SAFETY_ALERT_SYSTEM + "|"
                + SafetyCodes.SELF_HARM_REPORTED + ALL)) {
            Extension detail = ((Flag) found).getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION);
            if (detail != null && detail.getValue() instanceof Reference ref && ref.getReference() != null
                    && ref.getReference().startsWith("QuestionnaireResponse/")) {
                flagsPerResponse.merge(ref.getReferenceElement().getIdPart(), 1, Integer::sum);
            }
        }
        Map<String, Integer> perReferral = new LinkedHashMap<>();
        if (flagsPerResponse.isEmpty()) {
            return perReferral;
        }
        for (Resource found : search.find(c, "QuestionnaireResponse", "_id=" + String.join(",", flagsPerResponse.keySet()) + ALL)) {
            QuestionnaireResponse response = (QuestionnaireResponse) found;
            int count = flagsPerResponse.getOrDefault(response.getIdElement().getIdPart(), 0);
            response.getBasedOn().stream().map(Reference::getReference).filter(r -> r != null && r.startsWith("ServiceRequest/"))
                    .findFirst().ifPresent(r -> perReferral.merge(r.substring("ServiceRequest/".length()), count, Integer::sum));
        }
        return perReferral;
    }

    private static List<ReferralList.Row> rows(SearchResult result, Map<String, Integer> alerts) {
        Map<String, Patient> patients = new HashMap<>();
        result.included().stream().filter(r -> r instanceof Patient)
                .forEach(p -> patients.put("Patient/" + p.getIdElement().getIdPart(), (Patient) p));
        List<ReferralList.Row> rows = new ArrayList<>();
        for (Resource match : result.matches()) {
            Task task = (Task) match;
            String referralId = task.getFocus().getReferenceElement().getIdPart();
            Patient patient = patients.get(task.getFor().getReference());
            rows.add(new ReferralList.Row(referralId, patient == null ? "" : patient.getIdElement().getIdPart(),
                    patient == null ? "(not visible)" : ProgressNarrative.patientName(patient),
                    patient == null || !patient.hasBirthDate() ? "" : patient.getBirthDateElement().getValueAsString(),
                    CourseViews.status(task), task.hasBusinessStatus() ? businessStatus(task) : "",
                    CourseViews.dateTime(task.getMeta().getLastUpdated()), alerts.getOrDefault(referralId, 0)));
        }
        return rows;
    }

    private static String businessStatus(Task task) {
        return task.getBusinessStatus().hasText() ? task.getBusinessStatus().getText() : task.getBusinessStatus().getCodingFirstRep().getDisplay();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The Patient ids of a {@code patient} filter (comma-separated), or null when one is not an id. */
    public static List<String> patientIds(String filter) {
        if (filter == null || filter.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.of(filter.split(",", -1));
        return ids.size() <= 20 && ids.stream().allMatch(id -> id.matches("[A-Za-z0-9\\-.]{1,64}")) ? ids : null;
    }

    /** Whether a requested status filter is one of {@link #STATUSES}. */
    public static boolean knownStatus(String status) {
        return Set.copyOf(STATUSES).contains(status);
    }
}
