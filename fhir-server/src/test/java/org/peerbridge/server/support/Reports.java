package org.peerbridge.server.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/** Asks for progress reports as an EHR does, and finds things in the document. */
public final class Reports {

    public static final String MEASURE = "http://peerbridge.org/fhir/CodeSystem/progress-measure";

    private Reports() {
    }

    /** GET ServiceRequest/[id]/$progress-report */
    public static Bundle progressReport(IGenericClient client, String referral) {
        return client.operation().onInstance(referral).named("$progress-report").withNoParameters(Parameters.class)
                .useHttpGet().returnResourceType(Bundle.class).execute();
    }

    public static Composition composition(Bundle document) {
        return (Composition) document.getEntryFirstRep().getResource();
    }

    public static SectionComponent section(Bundle document, String code) {
        return composition(document).getSection().stream().filter(s -> s.getCode().hasCoding(
                "http://peerbridge.org/fhir/CodeSystem/progress-report-section", code)).findFirst().orElseThrow();
    }

    /**
     * The entry a reference of the Composition points at, by the Bundle rules: a relative reference is
     * resolved against the base of the Composition's fullUrl.
     */
    public static Optional<Resource> resolve(Bundle document, String reference) {
        String compositionUrl = document.getEntryFirstRep().getFullUrl();
        String base = compositionUrl.substring(0, compositionUrl.lastIndexOf("/Composition/") + 1);
        String absolute = reference.startsWith("http") ? reference : base + reference;
        return document.getEntry().stream().filter(e -> e.getFullUrl().equals(absolute)).map(Bundle.BundleEntryComponent::getResource)
                .findFirst();
    }

    /** The entries of a section (and its subsections) of one resource type. */
    public static <T extends Resource> List<T> entries(Bundle document, SectionComponent section, Class<T> type) {
        java.util.ArrayList<T> found = new java.util.ArrayList<>();
        section.getEntry().forEach(ref -> resolve(document, ref.getReference()).filter(type::isInstance).map(type::cast).ifPresent(found::add));
        section.getSection().forEach(sub -> found.addAll(entries(document, sub, type)));
        return found;
    }

    /** The component of a derived Observation with a progress-measure code. */
    public static Observation.ObservationComponentComponent component(Observation observation, String measure) {
        return observation.getComponent().stream().filter(c -> c.getCode().hasCoding(MEASURE, measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + measure));
    }

    public static boolean hasComponent(Observation observation, String measure) {
        return observation.getComponent().stream().anyMatch(c -> c.getCode().hasCoding(MEASURE, measure));
    }
}
