package org.peerbridge.server.population;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.peerbridge.server.storage.StoredVersion;

/**
 * Derives one referral's {@link ParticipantRow} from what is stored now, whatever the caller's read scope: the
 * referral, the versions of its fulfilment Task its timeline needs, its live sessions and Observations, its
 * patient's birth date and the organization that referred it; {@code mapping.population} turns these into the
 * participant. A session or Observation based on several referrals counts for the first of them.
 * The figures are the same for every caller that may see the referral: whatever derives from a referral is
 * visible to every organization that sees the referral ({@code AccessScopeWriter}).
 */
final class ParticipantSource {

    private static final String BASED_ON = "based-on";

    private final ResourceCodec codec;
    private final ResourceTable resources = new ResourceTable();
    private final String programOrganization;

    /** @param programOrganization the program's Organization reference, e.g. Organization/peerbridge-program */
    ParticipantSource(ResourceCodec codec, String programOrganization) {
        this.codec = codec;
        this.programOrganization = programOrganization;
    }

    /** The referral's row; empty when the referral is not (or no longer) stored. */
    Optional<ParticipantRow> derive(Connection c, String referralId, String taskId) throws SQLException {
        Optional<StoredVersion> stored = resources.current(c, "ServiceRequest", referralId).filter(row -> !row.deleted());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ServiceRequest referral = (ServiceRequest) codec.decode(stored.get());
        LocalDate periodDay = referral.hasAuthoredOn() ? AssessmentSchedule.dateAsWritten(referral.getAuthoredOnElement())
                : Instant.ofEpochMilli(stored.get().lastUpdated()).atZone(ZoneOffset.UTC).toLocalDate();
        String patient = new IdType(referral.getSubject().getReference()).getIdPart();
        return Optional.of(new ParticipantRow(referralId, patient, periodDay.toEpochDay(), stored.get().lastUpdated(),
                participant(c, referral, referralId, taskId, patient)));
    }

    private Optional<Participant> participant(Connection c, ServiceRequest referral, String referralId, String taskId, String patient)
            throws SQLException {
        StatusChangingVersions task = new StatusChangingVersions(codec);
        resources.forEachVersionOf(c, "Task", taskId, row -> {
            if (!row.deleted()) {
                task.add(row);
            }
        });
        List<Task> versions = task.versions();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        List<Encounter> sessions = basedOn(c, "Encounter", referralId, r -> ((Encounter) r).getBasedOn());
        List<Observation> scores = basedOn(c, "Observation", referralId, r -> ((Observation) r).getBasedOn());
        ReferralCourse course = new ReferralCourse(referral, versions.get(versions.size() - 1), versions, sessions, List.of(), List.of(),
                scores, List.of(), List.of());
        return Participants.of(course, birthDate(c, patient), referringOrganization(c, referralId));
    }

    /** The live resources of a type based on the referral, and on no referral before it. */
    @SuppressWarnings("unchecked")
    private <T extends Resource> List<T> basedOn(Connection c, String type, String referralId, Function<Resource, List<Reference>> basedOn)
            throws SQLException {
        List<T> found = new ArrayList<>();
        resources.forEachCurrentReferring(c, type, BASED_ON, "ServiceRequest", referralId, row -> {
            Resource resource = codec.decode(row);
            if (basedOn.apply(resource).stream().map(Reference::getReferenceElement)
                    .filter(id -> "ServiceRequest".equals(id.getResourceType())).findFirst()
                    .map(IIdType::getIdPart).filter(referralId::equals).isPresent()) {
                found.add((T) resource);
            }
        });
        return found;
    }

    /** The live patient's birth date as written; a year or month alone counts from its first day. */
    private Optional<LocalDate> birthDate(Connection c, String patientId) throws SQLException {
        Optional<StoredVersion> stored = resources.current(c, "Patient", patientId).filter(row -> !row.deleted());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Patient patient = (Patient) codec.decode(stored.get());
        if (!patient.hasBirthDate()) {
            return Optional.empty();
        }
        DateType born = patient.getBirthDateElement();
        return Optional.of(LocalDate.of(born.getYear(), born.getMonth() + 1, born.getDay()));
    }

    /** The organization whose client wrote the referral: its first access row other than the program's own. */
    private String referringOrganization(Connection c, String referralId) throws SQLException {
        String programId = new IdType(programOrganization).getIdPart();
        return Jdbc.queryList(c, "SELECT organization FROM access_scope WHERE res_id = ? AND res_type = 'ServiceRequest' ORDER BY organization",
                        row -> row.getString(1), referralId).stream()
                .filter(organization -> !organization.equals(programOrganization) && !organization.equals(programId))
                .map(organization -> new IdType(organization).getIdPart()).findFirst().orElse(programId);
    }
}
