package org.peerbridge.server.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.search.StoredSearch;

/**
 * How an EHR launch finds its patient here: the Patients that carry one of the EHR patient's identifiers (system
 * and value both, as the referrer sent them with the referral), and their referrals, newest first, both searched
 * as the caller's read scope sees them, so another organization's patient with the same identifier is not found.
 */
public final class PatientReferrals {

    /** The patients found and their referrals (ids). */
    public record Found(List<String> patientIds, List<String> referralIds) { }

    private static final String MAX = "&_count=100";

    private final StoredSearch search;

    public PatientReferrals(StoredSearch search) {
        this.search = search;
    }

    public Found find(Connection c, List<Identifier> identifiers) throws SQLException {
        Set<String> patients = new LinkedHashSet<>();
        for (Identifier identifier : identifiers) {
            if (searchable(identifier.getSystem()) && searchable(identifier.getValue())) {
                search.find(c, "Patient", "identifier=" + encode(identifier.getSystem() + "|" + identifier.getValue()) + MAX)
                        .forEach(p -> patients.add(p.getIdElement().getIdPart()));
            }
        }
        if (patients.isEmpty()) {
            return new Found(List.of(), List.of());
        }
        List<String> referrals = search.find(c, "ServiceRequest", "subject=" + encode(String.join(",",
                patients.stream().map(id -> "Patient/" + id).toList())) + "&_sort=-_lastUpdated" + MAX).stream()
                .map(Resource::getIdElement).map(id -> id.getIdPart()).toList();
        return new Found(List.copyOf(patients), referrals);
    }

    /** A token part that needs no search escaping (FHIR's \ before , | $ \): an identifier with those is not looked for. */
    private static boolean searchable(String part) {
        return part != null && !part.isEmpty() && part.length() <= 256 && !part.matches(".*[,|$\\\\].*");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
