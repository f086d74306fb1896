package org.peerbridge.mapping.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peerbridge.mapping.ElementPaths;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who may see what, as the peer support loop defines it. A referring organization sees the referrals it
 * made and everything derived from them; the derivation follows references:
 * <ul>
 *   <li>a resource <em>derived</em> from a referral points at it, or at something already derived from it
 *       (Task.focus, Encounter.basedOn, Observation.derivedFrom, Flag's detail extension, Communication.about ...):
 *       whoever may see the target may see it;</li>
 *   <li>a referral <em>shares</em> what it points at (its Patient, reason Condition, Consent) with whoever may
 *       see the referral;</li>
 *   <li>the directory and the published conformance resources are shared with every client.</li>
 * </ul>
 */
public final class ReferralAccess {

    /** Readable by every authenticated client (with a scope for the type). */
    public static final Set<String> SHARED_TYPES = Set.of("Organization", "HealthcareService", "Location", "Practitioner",
            "PractitionerRole", "Questionnaire", "StructureDefinition", "ValueSet", "CodeSystem", "OperationDefinition",
            "Measure", "SearchParameter");

    /** The referral and what the loop derives from it: visibility passes along references between these. */
    public static final Set<String> REFERRAL_TYPES = Set.of("ServiceRequest", "Task", "Encounter", "Procedure",
            "QuestionnaireResponse", "Observation", "Flag", "Communication", "DiagnosticReport", "Composition", "DocumentReference");

    private ReferralAccess() {
    }

    /** References (Type/id) whose audience this resource joins: the referral resources it points at. */
    public static List<String> derivedFrom(Resource resource) {
        return references(resource, true);
    }

    /** References (Type/id) that join this resource's audience: what a referral points at, outside the directory. */
    public static List<String> sharedWith(Resource resource) {
        return "ServiceRequest".equals(resource.fhirType()) ? references(resource, false) : List.of();
    }

    private static List<String> references(Resource resource, boolean referralTypes) {
        List<String> found = new ArrayList<>();
        for (Reference reference : ElementPaths.allOfType(resource, Reference.class)) {
            String type = reference.getReferenceElement().getResourceType();
            String id = reference.getReferenceElement().getIdPart();
            if (type == null || id == null || reference.getReference().startsWith("#") || reference.getReferenceElement().isAbsolute()) {
                continue;
            }
            boolean isReferral = REFERRAL_TYPES.contains(type);
            if (referralTypes ? isReferral : !isReferral && !SHARED_TYPES.contains(type)) {
                String local = type + "/" + id;
                if (!found.contains(local)) {
                    found.add(local);
                }
            }
        }
        return found;
    }
}
