package org.peerbridge.mapping.directory;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Rules for the directory entries the program publishes: peer supporters (PractitionerRole coded NUCC
 * 175T00000X) and peer support services (HealthcareService typed from {@link PeerSupportService}). Other
 * PractitionerRoles and HealthcareServices (e.g. a referring clinician's role) are not the program's and
 * are left to the base R4 rules: call these only where {@link #isPeerSupporterRole} or
 * {@link #isPeerSupportService} holds.
 */
public final class DirectoryRules {

    private DirectoryRules() {
    }

    /** A role that claims to be a peer supporter: it carries the NUCC Peer Specialist code. */
    public static boolean isPeerSupporterRole(PractitionerRole role) {
        return role.getCode().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> CodeSystems.NUCC_PROVIDER_TAXONOMY.equals(c.getSystem()) && DirectoryCodes.PEER_SPECIALIST.equals(c.getCode()));
    }

    /** A peer supporter who may record sessions: a peer supporter role that is explicitly active. */
    public static boolean isActivePeerSupporter(PractitionerRole role) {
        return isPeerSupporterRole(role) && role.hasActive() && role.getActive();
    }

    /** Rules for a peer supporter's PractitionerRole. */
    public static List<RuleViolation> checkPeerSupporterRole(PractitionerRole role) {
        List<RuleViolation> violations = new ArrayList<>();
        // The directory says "active or not" for every supporter; an unstated flag would read as neither.
        require(violations, role.hasActive(), "PractitionerRole.active", "A peer supporter's role states whether it is active (true or false)");
        require(violations, role.hasPractitioner(), "PractitionerRole.practitioner", "A peer supporter's role names the Practitioner who holds it");
        require(violations, role.hasOrganization(), "PractitionerRole.organization", "A peer supporter's role names the program Organization");
        checkPeriod(violations, role.getPeriod(), "PractitionerRole.period.end");
        return violations;
    }

    /** A service of the program's catalogue: its type has a {@link PeerSupportService} coding. */
    public static boolean isPeerSupportService(HealthcareService service) {
        return service.getType().stream().flatMap(t -> t.getCoding().stream())
                .anyMatch(c -> PeerSupportService.SYSTEM.equals(c.getSystem()));
    }

    /** Rules for a peer support HealthcareService. */
    public static List<RuleViolation> checkPeerSupportService(HealthcareService service) {
        List<RuleViolation> violations = new ArrayList<>();
        require(violations, service.hasName(), "HealthcareService.name", "A peer support service has a name an EHR can search for");
        require(violations, service.hasActive(), "HealthcareService.active", "A peer support service states whether it is active (true or false)");
        require(violations, service.hasProvidedBy(), "HealthcareService.providedBy", "A peer support service names the program Organization that provides it");
        checkKnownCodes(violations, service.getType(), "HealthcareService.type", PeerSupportService.class, "peer support service");
        checkKnownCodes(violations, service.getCharacteristic(), "HealthcareService.characteristic", DeliveryMode.class, "delivery mode");
        checkKnownCodes(violations, service.getCharacteristic(), "HealthcareService.characteristic", ReferralAvailability.class, "referral availability");
        checkDeliveryModes(violations, service);
        checkReferralAvailability(violations, service);
        return violations;
    }

    private static void checkDeliveryModes(List<RuleViolation> violations, HealthcareService service) {
        boolean stated = !CodedValue.namedIn(DeliveryMode.class, service.getCharacteristic()).isEmpty();
        require(violations, stated, "HealthcareService.characteristic",
                "A peer support service states at least one delivery mode (characteristic from " + DeliveryMode.SYSTEM + ")");
    }

    private static void checkReferralAvailability(List<RuleViolation> violations, HealthcareService service) {
        List<ReferralAvailability> stated = ReferralAvailability.of(service);
        if (stated.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "HealthcareService.characteristic",
                    "A peer support service states whether it accepts new referrals (characteristic "
                            + ReferralAvailability.SYSTEM + "|" + ReferralAvailability.ACCEPTING.code() + " or "
                            + ReferralAvailability.NOT_ACCEPTING.code() + ")"));
        } else if (stated.size() > 1) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "HealthcareService.characteristic",
                    "A service either accepts new referrals or does not; it states both"));
        } else if (stated.get(0) == ReferralAvailability.ACCEPTING && service.hasActive() && !service.getActive()) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "HealthcareService.active",
                    "An inactive service cannot accept new referrals; set active true or state " + ReferralAvailability.NOT_ACCEPTING.code()));
        }
    }

    private static <E extends Enum<E> & CodedValue> void checkKnownCodes(List<RuleViolation> violations, List<CodeableConcept> concepts,
                                                                         String path, Class<E> codeList, String what) {
        for (int i = 0; i < concepts.size(); i++) {
            List<Coding> codings = concepts.get(i).getCoding();
            for (int j = 0; j < codings.size(); j++) {
                Coding coding = codings.get(j);
                if (CodedValue.isUnknownCode(codeList, coding)) {
                    violations.add(RuleViolation.invalid(IssueType.CODEINVALID, path + "[" + i + "].coding[" + j + "]",
                            "'" + coding.getCode() + "' is not a " + what + " code of " + coding.getSystem()));
                }
            }
        }
    }

    private static void checkPeriod(List<RuleViolation> violations, Period period, String endPath) {
        if (period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart())) {
            violations.add(RuleViolation.invalid(IssueType.INVALID, endPath, "The period ends before it starts"));
        }
    }

    private static void require(List<RuleViolation> violations, boolean present, String path, String message) {
        if (!present) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, path, message));
        }
    }
}
