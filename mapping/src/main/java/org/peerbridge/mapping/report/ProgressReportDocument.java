package org.peerbridge.mapping.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.hl7.fhir.r4.model.Type;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.report.ReportCodes.Measure;
import org.peerbridge.mapping.report.ReportCodes.Section;

/**
 * The progress report as a FHIR document: a Bundle of type document whose first entry is the Composition,
 * followed by every resource the Composition references (the patient, the program, the referral and its
 * Task, sessions and their Procedures, scores, safety Flags), the peer supporters the sessions name, and
 * the Observations the report derives (session counts, change from baseline). Every fullUrl is under the server's base URL, so the relative
 * references inside stored resources ("Patient/123") resolve to entries of the document by the Bundle
 * resolution rules: a stored resource's fullUrl is where it is stored; the Composition and the derived
 * Observations get a fullUrl of their own type with a UUID, exist only in the document and are not stored.
 */
public final class ProgressReportDocument {

    private static final Set<TaskStatus> FINISHED = Set.of(TaskStatus.COMPLETED, TaskStatus.CANCELLED, TaskStatus.REJECTED,
            TaskStatus.FAILED, TaskStatus.ENTEREDINERROR);

    private final ProgressReport report;
    private final String base;
    private final String documentId;
    private final Date timestamp;
    private final Map<String, Resource> entries = new LinkedHashMap<>();

    private ProgressReportDocument(ProgressReport report, String baseUrl, String documentId, Date timestamp) {
        this.report = report;
        this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.documentId = documentId;
        this.timestamp = timestamp;
    }

    /**
     * @param patient    the referral's patient, as stored
     * @param program    the program Organization, the report's author
     * @param baseUrl    the server's base URL, e.g. https://peerbridge.example.org/fhir
     * @param documentId a UUID naming this document (Bundle.id and identifier)
     */
    public static Bundle build(ProgressReport report, Resource patient, Resource program, String baseUrl, String documentId,
                               Date timestamp) {
        return new ProgressReportDocument(report, baseUrl, documentId, timestamp).build(patient, program);
    }

    private Bundle build(Resource patient, Resource program) {
        Composition composition = new Composition();
        composition.setId(derivedId("composition"));
        String compositionUrl = url("Composition/" + composition.getIdElement().getIdPart());
        entries.put(compositionUrl, composition);
        ReferralCourse course = report.course();
        composition.setStatus(FINISHED.contains(course.task().getStatus())
                ? Composition.CompositionStatus.FINAL : Composition.CompositionStatus.PRELIMINARY);
        composition.setType(ReportCodes.progressNote());
        composition.setSubject(include(patient));
        composition.setDate(timestamp);
        composition.addAuthor(include(program));
        composition.setTitle("Peer support progress report");
        composition.setText(narrative(ProgressNarrative.header(patient, course.referral(), new DateTimeType(timestamp).getValueAsString())));

        // safety first: an open alert is the one thing a reader must not miss
        SectionComponent safety = section(composition, Section.SAFETY, ProgressNarrative.safety(report.flags(), course.responses()));
        report.flags().open().forEach(f -> safety.addEntry(include(f)));
        report.flags().closed().forEach(f -> safety.addEntry(include(f)));

        SectionComponent referral = section(composition, Section.REFERRAL, ProgressNarrative.referral(report));
        referral.addEntry(include(course.referral()));
        referral.addEntry(include(course.task()));

        SectionComponent sessions = section(composition, Section.SESSIONS, ProgressNarrative.sessions(report.sessions(), course.sessions(),
                SessionSupporters.of(course.supporters())));
        sessions.addEntry(derived("session-summary", sessionSummary()));
        course.sessions().forEach(s -> sessions.addEntry(include(s)));
        course.activities().forEach(a -> sessions.addEntry(include(a)));
        course.supporters().forEach(this::include); // the sessions' participants resolve inside the document

        SectionComponent outcomes = section(composition, Section.OUTCOMES, ProgressNarrative.outcomesIntroduction(report));
        Map<String, Resource> scoresById = new LinkedHashMap<>();
        course.scores().forEach(s -> scoresById.put("Observation/" + s.getIdElement().getIdPart(), s));
        for (InstrumentProgress progress : report.instruments()) {
            SectionComponent instrument = outcomes.addSection().setTitle(progress.instrument().label())
                    .setText(narrative(ProgressNarrative.instrument(progress)));
            progress.readings().forEach(r -> instrument.addEntry(include(scoresById.get(r.reference()))));
            if (progress.changePoints().isPresent()) {
                instrument.addEntry(derived("change-" + progress.instrument().slug(), change(progress)));
            }
            if (progress.readings().isEmpty()) {
                instrument.setEmptyReason(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                        "http://terminology.hl7.org/CodeSystem/list-empty-reason", "notstarted", "Not Started")));
            }
        }

        Bundle bundle = new Bundle();
        bundle.setId(documentId);
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + documentId);
        bundle.setTimestamp(timestamp);
        entries.forEach((url, resource) -> bundle.addEntry().setFullUrl(url).setResource(resource));
        return bundle;
    }

    private Observation sessionSummary() {
        SessionSummary s = report.sessions();
        Observation summary = derivedObservation(Measure.SESSION_SUMMARY.toCodeableConcept());
        summary.setEffective(new DateTimeType(timestamp));
        component(summary, Measure.SESSIONS_ATTENDED, new IntegerType(s.attended()));
        component(summary, Measure.SESSIONS_NO_SHOW, new IntegerType(s.noShows()));
        component(summary, Measure.SESSIONS_CANCELLED, new IntegerType(s.cancelled()));
        component(summary, Measure.SESSIONS_PLANNED, new IntegerType(s.planned()));
        component(summary, Measure.MINUTES_ATTENDED, quantity(BigDecimal.valueOf(s.minutes()), "min", "min"));
        component(summary, Measure.H0038_UNITS, new IntegerType(s.units()));
        report.course().currentActivities().forEach(a -> summary.addDerivedFrom(reference(a)));
        return summary;
    }

    private Observation change(InstrumentProgress progress) {
        ScoreReading baseline = progress.baseline().orElseThrow();
        ScoreReading latest = progress.latest().orElseThrow();
        Observation change = derivedObservation(Measure.SCORE_CHANGE.toCodeableConcept()
                .setText(progress.instrument().label() + " change from baseline"));
        change.setEffective(new Period().setStartElement(new DateTimeType(baseline.authored()))
                .setEndElement(new DateTimeType(latest.authored())));
        change.addDerivedFrom(new Reference(url(baseline.reference())));
        change.addDerivedFrom(new Reference(url(latest.reference())));
        component(change, Measure.CHANGE_POINTS, quantity(BigDecimal.valueOf(progress.changePoints().orElseThrow()), "{score}", "{score}"));
        progress.changePercent().ifPresent(p -> component(change, Measure.CHANGE_PERCENT, quantity(p, "%", "%")));
        progress.response().ifPresent(r -> component(change, Measure.RESPONSE, new BooleanType(r)));
        progress.remission().ifPresent(r -> component(change, Measure.REMISSION, new BooleanType(r)));
        return change;
    }

    private Observation derivedObservation(org.hl7.fhir.r4.model.CodeableConcept code) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(code);
        observation.setSubject(new Reference(url(report.course().patientReference())));
        observation.addBasedOn(new Reference(url(report.course().referralReference())));
        return observation;
    }

    private static void component(Observation observation, Measure measure, Type value) {
        observation.addComponent().setCode(measure.toCodeableConcept()).setValue(value);
    }

    private static Quantity quantity(BigDecimal value, String unit, String ucum) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(CodeSystems.UCUM).setCode(ucum);
    }

    private static SectionComponent section(Composition composition, Section section, String xhtml) {
        return composition.addSection().setTitle(section.display()).setCode(section.toCodeableConcept()).setText(narrative(xhtml));
    }

    private static Narrative narrative(String xhtml) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(xhtml);
        return narrative;
    }

    /** Adds a stored resource as an entry (once) and returns the reference to it. */
    private Reference include(Resource resource) {
        Reference reference = reference(resource);
        entries.putIfAbsent(reference.getReference(), resource);
        return reference;
    }

    private Reference reference(Resource resource) {
        return new Reference(url(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
    }

    private String url(String relative) {
        return base + relative;
    }

    private Reference derived(String name, DomainResource resource) {
        resource.setId(derivedId(name));
        String url = url(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        entries.put(url, resource);
        return new Reference(url);
    }

    /** Stable per document: the same document id names the same entries. */
    private String derivedId(String name) {
        return UUID.nameUUIDFromBytes((documentId + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
