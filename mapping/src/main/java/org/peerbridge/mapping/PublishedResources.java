package org.peerbridge.mapping;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.peerbridge.mapping.outcome.OutcomeCodeSystems;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.population.ProgramOutcomesConformance;
import org.peerbridge.mapping.profile.ReferralProfile;
import org.peerbridge.mapping.report.ReportConformance;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.mapping.search.OwnSearchParameters;
import org.peerbridge.mapping.session.ConformanceResources;

/**
 * Every definition PeerBridge publishes: served read-only by the server, and (apart from the
 * questionnaires, which the server checks responses against itself) known to its validator.
 */
public final class PublishedResources {

    /**
     * The profile each resource type must conform to, by type: what the validator checks writes against and the
     * CapabilityStatement names. Types without one are checked against the base specification.
     */
    public static final Map<String, String> PROFILE_BY_TYPE = Map.of("ServiceRequest", ReferralProfile.PROFILE_URL);

    private PublishedResources() {
    }

    /** Profiles, extensions, code systems and value sets: what the validator needs to know. */
    public static List<IBaseResource> definitions(FhirContext ctx, QuestionnaireCatalogue catalogue) {
        List<IBaseResource> definitions = new ArrayList<>(ReferralProfile.conformanceResources(ctx));
        definitions.addAll(ConformanceResources.all());
        definitions.add(OutcomeCodeSystems.scoreBands());
        definitions.add(OutcomeCodeSystems.timePoints());
        definitions.add(OutcomeCodeSystems.answers(catalogue.all()));
        definitions.addAll(SafetyCodes.definitions());
        definitions.addAll(ReportConformance.codeSystems());
        return definitions;
    }

    /** The definitions plus the outcome questionnaires, the operations and PeerBridge's own search parameters. */
    public static List<IBaseResource> all(FhirContext ctx, QuestionnaireCatalogue catalogue) {
        List<IBaseResource> all = new ArrayList<>(definitions(ctx, catalogue));
        all.addAll(catalogue.all());
        all.add(ReportConformance.progressReportOperation());
        all.add(ReportConformance.everythingOperation());
        all.add(ProgramOutcomesConformance.operation());
        all.add(ProgramOutcomesConformance.measure());
        all.addAll(OwnSearchParameters.all());
        return all;
    }
}
