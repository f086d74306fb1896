package org.peerbridge.server.population;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.population.Participant;
import org.peerbridge.mapping.population.Participants;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceTable;

/**
 * Gathers the cohort of a program-outcomes report in one pass per type rather than one referral at a
 * time: the referrals authored in the period, their fulfilment Tasks with the versions their timeline
 * needs, their sessions and score Observations, their patients' birth dates and their referring
 * organizations, all as the caller's read scope sees them. {@code mapping.population} turns each referral into a participant.
 */
final class CohortLoader {

    private final ResourceCodec codec;
    private final ResourceTable resources = new ResourceTable();
    private final String programOrganization;

    /** @param programOrganization the program's Organization reference, e.g. Organization/peerbridge-program */
    CohortLoader(ResourceCodec codec, String programOrganization) {
        this.codec = codec;
        this.programOrganization = programOrganization;
    }

    /** @param from, to the period of referral days, inclusive; null for unbounded */
    List<Participant> load(Connection c, LocalDate from, LocalDate to) throws SQLException {
        Map<String, ServiceRequest> referrals = new LinkedHashMap<>();
        resources.forEachCurrent(c, "ServiceRequest", row -> {
            ServiceRequest referral = (ServiceRequest) codec.decode(row);
            LocalDate day = referral.hasAuthoredOn() ? AssessmentSchedule.dateAsWritten(referral.getAuthoredOnElement())
                    : Instant.ofEpochMilli(row.lastUpdated()).atZone(ZoneOffset.UTC).toLocalDate();
            if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))) {
                referrals.put(row.id(), referral);
            }
        });
        Map<String, String> taskOfReferral = fulfilmentTasks(c, referrals);
        Map<String, StatusChangingVersions> taskVersions = new HashMap<>();
        Set<String> taskIds = new HashSet<>(taskOfReferral.values());
        resources.forEachVersion(c, "Task", row -> {
            if (taskIds.contains(row.id()) && !row.deleted()) {
                taskVersions.computeIfAbsent(row.id(), id -> new StatusChangingVersions(codec)).add(row);
            }
        });
        Map<String, List<Encounter>> sessions = byReferral(c, "Encounter", referrals, r -> ((Encounter) r).getBasedOn());
        Map<String, List<Observation>> scores = byReferral(c, "Observation", referrals, r -> ((Observation) r).getBasedOn());
        Map<String, LocalDate> birthDates = birthDates(c, referrals);
        Map<String, String> referringOrganizations = referringOrganizations(c, referrals);

        List<Participant> participants = new ArrayList<>();
        for (Map.Entry<String, ServiceRequest> entry : referrals.entrySet()) {
            StatusChangingVersions task = taskVersions.get(taskOfReferral.get(entry.getKey()));
            if (task == null) {
                continue; // no fulfilment Task the caller may see: nothing to count
            }
            List<Task> versions = task.versions();
            ServiceRequest referral = entry.getValue();
            ReferralCourse course = new ReferralCourse(referral, versions.get(versions.size() - 1), versions,
                    sessions.getOrDefault(entry.getKey(), List.of()), List.of(), List.of(),
                    scores.getOrDefault(entry.getKey(), List.of()), List.of(), List.of());
            String patient = new IdType(referral.getSubject().getReference()).getIdPart();
            Participants.of(course, Optional.ofNullable(birthDates.get(patient)),
                    referringOrganizations.getOrDefault(entry.getKey(), programOrganizationId())).ifPresent(participants::add);
        }
        return participants;
    }

    private Map<String, String> fulfilmentTasks(Connection c, Map<String, ServiceRequest> referrals) throws SQLException {
        Map<String, String> tasks = new HashMap<>();
        Jdbc.forEach(c, "SELECT service_request_id, task_id FROM referral_task", 0, row -> {
            if (referrals.containsKey(row.getString(1))) {
                tasks.put(row.getString(1), row.getString(2));
            }
        });
        return tasks;
    }

    /** The live resources of a type that point at a referral of the cohort through the given references. */
    @SuppressWarnings("unchecked")
    private <T extends Resource> Map<String, List<T>> byReferral(Connection c, String type, Map<String, ServiceRequest> referrals,
                                                                 Function<Resource, List<Reference>> basedOn)
            throws SQLException {
        Map<String, List<T>> found = new HashMap<>();
        BatchDecoder decoder = new BatchDecoder(codec, resource -> {
            for (Reference reference : basedOn.apply(resource)) {
                IIdType id = reference.getReferenceElement();
                if ("ServiceRequest".equals(id.getResourceType()) && referrals.containsKey(id.getIdPart())) {
                    found.computeIfAbsent(id.getIdPart(), k -> new ArrayList<>()).add((T) resource);
                    return;
                }
            }
        });
        resources.forEachCurrent(c, type, decoder::add);
        decoder.finish();
        return found;
    }

    private Map<String, LocalDate> birthDates(Connection c, Map<String, ServiceRequest> referrals) throws SQLException {
        Set<String> patients = new HashSet<>();
        referrals.values().forEach(r -> patients.add(new IdType(r.getSubject().getReference()).getIdPart()));
        Map<String, LocalDate> birthDates = new HashMap<>();
        resources.forEachCurrent(c, "Patient", row -> {
            if (patients.contains(row.id())) {
                Patient patient = (Patient) codec.decode(row);
                if (patient.hasBirthDate()) { // as written; a year or month alone counts from its first day
                    DateType born = patient.getBirthDateElement();
                    birthDates.put(row.id(), LocalDate.of(born.getYear(), born.getMonth() + 1, born.getDay()));
                }
            }
        });
        return birthDates;
    }

    /** The organization whose client wrote each referral (its access row other than the program's own). */
    private Map<String, String> referringOrganizations(Connection c, Map<String, ServiceRequest> referrals) throws SQLException {
        Map<String, String> organizations = new HashMap<>();
        Jdbc.forEach(c, "SELECT res_id, organization FROM access_scope WHERE res_type = 'ServiceRequest' ORDER BY res_id, organization", 0,
                row -> {
                    String referral = row.getString(1);
                    String organization = row.getString(2);
                    if (referrals.containsKey(referral) && !isProgram(organization)) {
                        organizations.putIfAbsent(referral, new IdType(organization).getIdPart());
                    }
                });
        return organizations;
    }

    private boolean isProgram(String organization) {
        return organization.equals(programOrganization) || organization.equals(programOrganizationId());
    }

    private String programOrganizationId() {
        return new IdType(programOrganization).getIdPart();
    }
}
