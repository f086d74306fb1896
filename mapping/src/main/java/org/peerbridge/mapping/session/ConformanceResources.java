package org.peerbridge.mapping.session;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.UriType;
import org.peerbridge.mapping.codes.OwnCodeSystems;
import org.peerbridge.mapping.directory.DeliveryMode;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.directory.ReferralAvailability;

/**
 * The definitions behind the product's own codes for sessions and the directory, and the billing-units
 * extension, as FHIR resources: built from the same enums the rules use, so they cannot drift. A server
 * that publishes them (and gives them to its validator) lets integrators read every code, and lets the
 * validator refuse a code these systems do not define.
 */
public final class ConformanceResources {

    /** Version of these definitions, in step with the referral profile. */
    public static final String VERSION = "0.1.0";

    private ConformanceResources() {
    }

    public static List<MetadataResource> all() {
        return List.of(
                codeSystem(SessionType.SYSTEM, "PeerSessionType", "Peer session type",
                        "Encounter.type of a peer support session: individual or group.", OwnCodeSystems.concepts(SessionType.class)),
                codeSystem(SessionCodes.SESSION_ATTENDANCE_SYSTEM, "PeerSessionAttendance", "Peer session attendance",
                        "How a booked peer session turned out when the person did not come; Encounter.reasonCode of a cancelled session.",
                        List.of(OwnCodeSystems.concept(SessionCodes.NO_SHOW, SessionCodes.NO_SHOW_DISPLAY,
                                "The session was booked and the person did not attend, without cancelling in advance."))),
                codeSystem(PeerSupportService.SYSTEM, "PeerSupportService", "Peer support service",
                        "What the peer support program offers: HealthcareService.type, and Encounter.serviceType of a session.",
                        OwnCodeSystems.concepts(PeerSupportService.class)),
                codeSystem(DeliveryMode.SYSTEM, "DeliveryMode", "Delivery mode",
                        "How a peer support service reaches people: HealthcareService.characteristic.", OwnCodeSystems.concepts(DeliveryMode.class)),
                codeSystem(ReferralAvailability.SYSTEM, "ReferralAvailability", "Referral availability",
                        "Whether a peer support service takes new referrals now: HealthcareService.characteristic.",
                        OwnCodeSystems.concepts(ReferralAvailability.class)),
                billingUnitsExtension());
    }

    private static CodeSystem codeSystem(String url, String name, String title, String description,
                                         List<ConceptDefinitionComponent> concepts) {
        return OwnCodeSystems.codeSystem(url, VERSION, name, title, description, concepts);
    }

    private static StructureDefinition billingUnitsExtension() {
        String url = SessionCodes.BILLING_UNITS_EXTENSION;
        StructureDefinition extension = new StructureDefinition();
        extension.setId(url.substring(url.lastIndexOf('/') + 1));
        extension.setUrl(url);
        extension.setVersion(VERSION);
        extension.setName("BillingUnits");
        extension.setTitle("Billing units");
        extension.setStatus(PublicationStatus.ACTIVE);
        extension.setPublisher("PeerBridge");
        extension.setDescription("Number of billable units of the Procedure's time-based code, e.g. 15-minute units of HCPCS H0038,"
                + " counted by the midpoint rule (docs/sessions.md). R4 Procedure has no quantity element.");
        extension.setFhirVersion(FHIRVersion._4_0_1);
        extension.setKind(StructureDefinitionKind.COMPLEXTYPE);
        extension.setAbstract(false);
        extension.addContext().setType(ExtensionContextType.ELEMENT).setExpression("Procedure");
        extension.setType("Extension");
        extension.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
        extension.setDerivation(TypeDerivationRule.CONSTRAINT);
        List<ElementDefinition> elements = extension.getDifferential().getElement();
        elements.add(new ElementDefinition().setPath("Extension").setShort("Billable units of the procedure code")
                .setDefinition("How many units of the Procedure's time-based code the activity counts for.").setMax("1"));
        elements.get(0).setId("Extension");
        ElementDefinition nested = new ElementDefinition().setPath("Extension.extension").setMax("0");
        nested.setId("Extension.extension");
        elements.add(nested);
        ElementDefinition fixedUrl = new ElementDefinition().setPath("Extension.url").setFixed(new UriType(url));
        fixedUrl.setId("Extension.url");
        elements.add(fixedUrl);
        ElementDefinition value = new ElementDefinition().setPath("Extension.value[x]").setMin(1);
        value.setId("Extension.value[x]");
        value.addType().setCode("integer");
        elements.add(value);
        return extension;
    }
}
