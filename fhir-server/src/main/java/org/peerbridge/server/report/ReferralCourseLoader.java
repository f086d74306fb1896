package org.peerbridge.server.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.mapping.report.SessionSupporters;
import org.peerbridge.mapping.session.SessionCodes;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.HistoryScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceTable;
import org.peerbridge.server.storage.StoredVersion;

/**
 * Gathers what a referral's report reads, with the searches a client would make, on one connection and as
 * the caller's read scope sees it: a caller that may not see the referral gets nothing from here.
 */
final class ReferralCourseLoader {

    private static final String ALL = "&_count=" + SearchRequestParser.MAX_COUNT;

    private final StoredSearch search;
    private final ResourceCodec codec;
    private final ResourceTable resources = new ResourceTable();

    ReferralCourseLoader(StoredSearch search, ResourceCodec codec) {
        this.search = search;
        this.codec = codec;
    }

    /** The course of a referral the caller can see, with its fulfilment Task. */
    ReferralCourse load(Connection c, ServiceRequest referral, Task task) throws SQLException {
        String ref = "ServiceRequest/" + referral.getIdElement().getIdPart();
        List<Task> taskVersions = new ArrayList<>();
        for (StoredVersion version : resources.history(c, new HistoryScope("Task", task.getIdElement().getIdPart(), null, null),
                0, Integer.MAX_VALUE)) {
            if (!version.deleted()) {
                taskVersions.add(0, (Task) codec.decode(version)); // history is newest first
            }
        }
        List<QuestionnaireResponse> responses = typed(search.find(c, "QuestionnaireResponse", "based-on=" + ref + ALL));
        List<Encounter> sessions = typed(search.find(c, "Encounter", "based-on=" + ref + "&_sort=date" + ALL));
        return new ReferralCourse(referral, task, taskVersions, sessions,
                typed(search.find(c, "Procedure", "based-on=" + ref + "&code=" + CodeSystems.HCPCS + "|" + SessionCodes.H0038
                        + "&_sort=date" + ALL)),
                responses,
                typed(search.find(c, "Observation", "based-on=" + ref + "&category=" + CodeSystems.OBSERVATION_CATEGORY + "|survey"
                        + "&_sort=date" + ALL)),
                typed(search.find(c, "Flag", "patient=" + referral.getSubject().getReference() + ALL)),
                supporters(c, sessions));
    }

    /** The PractitionerRoles the sessions name and their Practitioners, and Practitioners named directly. */
    private List<Resource> supporters(Connection c, List<Encounter> sessions) throws SQLException {
        List<String> participants = SessionSupporters.participants(sessions);
        Set<String> practitioners = new LinkedHashSet<>(ids(participants, "Practitioner/"));
        List<Resource> found = new ArrayList<>();
        if (participants.stream().anyMatch(p -> p.startsWith("PractitionerRole/"))) {
            for (Resource role : search.find(c, "PractitionerRole", "_id=" + String.join(",", ids(participants, "PractitionerRole/")) + ALL)) {
                found.add(role);
                Optional.ofNullable(((PractitionerRole) role).getPractitioner().getReferenceElement().getIdPart()).ifPresent(practitioners::add);
            }
        }
        if (!practitioners.isEmpty()) {
            found.addAll(search.find(c, "Practitioner", "_id=" + String.join(",", practitioners) + ALL));
        }
        return found;
    }

    private static List<String> ids(List<String> references, String prefix) {
        return references.stream().filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length())).toList();
    }

    /** The referral's fulfilment Task, if the caller can see it. */
    List<Task> tasks(Connection c, String referralId) throws SQLException {
        return typed(search.find(c, "Task", "focus=ServiceRequest/" + referralId));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> List<T> typed(List<Resource> resources) {
        List<T> typed = new ArrayList<>();
        resources.forEach(r -> typed.add((T) r));
        return typed;
    }

}
