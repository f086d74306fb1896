package org.peerbridge.mapping.population;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * What the program's outcomes can be broken down by. Each participant falls in exactly one stratum of
 * each stratifier ({@value #UNKNOWN} when the value is not recorded), so the strata add up to the whole.
 */
public enum Stratifier {

    /** The HealthcareService the referral was sent to (ServiceRequest.performer), by id. */
    SERVICE_TYPE("service-type", "Service referred to"),
    /** How the person was served: the service code (in person, phone, video, group, digital) of the first attended session. */
    DELIVERY_MODE("delivery-mode", "Delivery mode of the first attended session"),
    /** The organization whose client sent the referral, by id. */
    REFERRING_ORGANIZATION("referring-organization", "Referring organization"),
    /** Age at referral in years, in bands: under 18, 18-24, 25-34, 35-44, 45-54, 55-64, 65 and over. */
    AGE_BAND("age-band", "Age at referral");

    /** The stratum of a participant with no value for a stratifier. */
    public static final String UNKNOWN = "unknown";

    private final String code;
    private final String display;

    Stratifier(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** The stratifier with this code, if any. */
    public static Optional<Stratifier> forCode(String code) {
        for (Stratifier s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The age band of a person born on {@code birthDate} when referred on {@code referred}. */
    public static String ageBand(LocalDate birthDate, LocalDate referred) {
        int age = Period.between(birthDate, referred).getYears();
        if (age < 18) {
            return "under-18";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age >= 65) {
            return "65-and-over";
        }
        int low = (age - 5) / 10 * 10 + 5;
        return low + "-" + (low + 9);
    }
}
