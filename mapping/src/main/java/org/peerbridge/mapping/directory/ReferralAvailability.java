package org.peerbridge.mapping.directory;

import java.util.List;
import org.hl7.fhir.r4.model.HealthcareService;
import org.peerbridge.mapping.codes.CodedValue;

/**
 * Whether a service takes new referrals (its referral availability), as a HealthcareService.characteristic. {@code active} says whether
 * the service exists at all; a running service can still be full. Stating it always (one of the two codes)
 * lets an EHR search for services that accept referrals:
 * {@code HealthcareService?active=true&characteristic=<SYSTEM>|accepting-new-referrals}.
 */
public enum ReferralAvailability implements CodedValue {
    ACCEPTING("accepting-new-referrals", "Accepting new referrals"),
    NOT_ACCEPTING("not-accepting-new-referrals", "Not accepting new referrals");

    /** The published URL: clients search by it, so it keeps the name it was first published under. */
    public static final String SYSTEM = "http://peerbridge.org/fhir/CodeSystem/referral-intake";

    private final String code;
    private final String display;

    ReferralAvailability(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

    /** The availability codes a service states (normally exactly one). */
    public static List<ReferralAvailability> of(HealthcareService service) {
        return CodedValue.namedIn(ReferralAvailability.class, service.getCharacteristic());
    }

    /** Whether an EHR may refer to this service now: it is active and says it accepts new referrals. */
    public static boolean acceptsNewReferrals(HealthcareService service) {
        return service.getActive() && of(service).equals(List.of(ACCEPTING));
    }
}
