package org.peerbridge.mapping.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;

/**
 * Whether a service takes new referrals, as a HealthcareService.characteristic. {@code active} says whether
 * the service exists at all; a running service can still be full. Stating it always (one of the two codes)
 * lets an EHR search for services that accept referrals:
 * {@code HealthcareService?active=true&characteristic=<SYSTEM>|accepting-new-referrals}.
 */
public enum ReferralIntake {
    ACCEPTING("accepting-new-referrals", "Accepting new referrals"),
    NOT_ACCEPTING("not-accepting-new-referrals", "Not accepting new referrals");

    public static final String SYSTEM = "http://peerbridge.org/fhir/CodeSystem/referral-intake";

    private final String code;
    private final String display;

    ReferralIntake(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public CodeableConcept toCodeableConcept() {
        return new CodeableConcept(new Coding(SYSTEM, code, display));
    }

    public static Optional<ReferralIntake> fromCode(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }

    /** The intake codes a service states (normally exactly one). */
    public static List<ReferralIntake> of(HealthcareService service) {
        return service.getCharacteristic().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> SYSTEM.equals(c.getSystem())).map(c -> fromCode(c.getCode()))
                .flatMap(Optional::stream).distinct().toList();
    }

    /** Whether an EHR may refer to this service now: it is active and says it accepts new referrals. */
    public static boolean acceptsNewReferrals(HealthcareService service) {
        return service.getActive() && of(service).equals(List.of(ACCEPTING));
    }
}
