package org.peerbridge.mapping.session;

import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ARRIVED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.CANCELLED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.PLANNED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.rules.RuleViolation;

/** The coded elements of a session Encounter: status, class, type, serviceType and the no-show reason. */
public final class SessionCoding {

    /**
     * The statuses a peer session uses (issue 3), entered-in-error only to mark a recorded one as a mistake
     * ({@link SessionLifecycle}); triaged, onleave and unknown describe hospital stays.
     */
    public static final Set<EncounterStatus> STATUSES = EnumSet.of(PLANNED, ARRIVED, INPROGRESS, FINISHED, CANCELLED, ENTEREDINERROR);

    private SessionCoding() {
    }

    public static List<RuleViolation> check(Encounter encounter) {
        List<RuleViolation> violations = new ArrayList<>();
        checkStatus(encounter, violations);
        checkClass(encounter, violations);
        checkType(encounter, violations);
        checkServiceType(encounter, violations);
        checkNoShowReason(encounter, violations);
        return violations;
    }

    private static void checkStatus(Encounter encounter, List<RuleViolation> violations) {
        if (encounter.hasStatus() && !STATUSES.contains(encounter.getStatus())) {
            violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Encounter.status", "A peer session is planned, arrived, "
                    + "in-progress, finished, cancelled or entered-in-error, not '" + encounter.getStatus().toCode() + "'"));
        }
    }

    private static void checkClass(Encounter encounter, List<RuleViolation> violations) {
        if (CodedValue.of(SessionClass.class, encounter.getClass_()).isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Encounter.class", "A peer session's class is v3-ActCode "
                    + "AMB (in person), VR (virtual: phone, video, chat) or HH (at home), not " + describe(encounter.getClass_())));
        }
    }

    private static void checkType(Encounter encounter, List<RuleViolation> violations) {
        for (int i = 0; i < encounter.getType().size(); i++) {
            List<Coding> codings = encounter.getType().get(i).getCoding();
            for (int j = 0; j < codings.size(); j++) {
                Coding coding = codings.get(j);
                if (CodedValue.isUnknownCode(SessionType.class, coding)) {
                    violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Encounter.type[" + i + "].coding[" + j + "]",
                            "'" + coding.getCode() + "' is not a peer session type; use individual or group"));
                }
            }
        }
        List<SessionType> types = SessionType.of(encounter);
        if (types.isEmpty() && violations.stream().noneMatch(v -> v.expression().startsWith("Encounter.type"))) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.type",
                    "A peer session says whether it is individual or group peer support (type from " + SessionType.SYSTEM + ")"));
        } else if (types.size() > 1) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.type",
                    "A peer session is either individual or group peer support, not both"));
        }
    }

    private static void checkServiceType(Encounter encounter, List<RuleViolation> violations) {
        List<Coding> codings = encounter.getServiceType().getCoding();
        for (int j = 0; j < codings.size(); j++) {
            Coding coding = codings.get(j);
            if (CodedValue.isUnknownCode(PeerSupportService.class, coding)) {
                violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Encounter.serviceType.coding[" + j + "]",
                        "'" + coding.getCode() + "' is not a service of the program directory (" + PeerSupportService.SYSTEM + ")"));
            }
        }
    }

    private static void checkNoShowReason(Encounter encounter, List<RuleViolation> violations) {
        for (int i = 0; i < encounter.getReasonCode().size(); i++) {
            if (NoShow.isNoShowCode(encounter.getReasonCode().get(i)) && encounter.getStatus() != CANCELLED) {
                violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.reasonCode[" + i + "]",
                        "A no-show is recorded with status 'cancelled'; this session is '" + code(encounter) + "'"));
            }
        }
    }

    private static String code(Encounter encounter) {
        return encounter.hasStatus() ? encounter.getStatus().toCode() : "(no status)";
    }

    private static String describe(Coding coding) {
        if (coding == null || coding.isEmpty()) {
            return "none";
        }
        return "'" + coding.getSystem() + "|" + coding.getCode() + "'";
    }
}
