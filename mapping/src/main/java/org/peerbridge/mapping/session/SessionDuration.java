package org.peerbridge.mapping.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * When a session took place and for how long: Encounter.period and Encounter.length (UCUM minutes).
 * R4 defines length as the time the encounter lasted excluding leaves, so it may be shorter than the
 * period but not longer; one minute of slack absorbs rounding to whole minutes.
 */
public final class SessionDuration {

    /** How far Encounter.length may exceed the period (rounding of seconds to whole minutes). */
    public static final long LENGTH_TOLERANCE_MINUTES = 1;

    private static final long MILLIS_PER_MINUTE = 60_000L;

    private SessionDuration() {
    }

    public static List<RuleViolation> check(Encounter encounter) {
        List<RuleViolation> violations = new ArrayList<>();
        Period period = encounter.getPeriod();
        if (period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart())) {
            violations.add(RuleViolation.invalid(IssueType.INVALID, "Encounter.period.end", "The session ends ("
                    + period.getEndElement().getValueAsString() + ") before it starts (" + period.getStartElement().getValueAsString() + ")"));
        }
        if (encounter.hasLength()) {
            checkLength(encounter.getLength(), period, violations);
        }
        if (encounter.getStatus() == EncounterStatus.FINISHED) {
            checkAttendedSessionIsTimed(encounter, violations);
        }
        return violations;
    }

    /**
     * Minutes the session lasted: Encounter.length when given (it excludes breaks), else the period;
     * whole minutes only (a started minute does not count). Empty when neither says.
     */
    public static OptionalLong minutes(Encounter encounter) {
        if (encounter.hasLength() && isMinutes(encounter.getLength()) && encounter.getLength().hasValue()
                && encounter.getLength().getValue().signum() >= 0) {
            return OptionalLong.of(encounter.getLength().getValue().setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        Period period = encounter.getPeriod();
        if (period.hasStart() && period.hasEnd() && !period.getEnd().before(period.getStart())) {
            return OptionalLong.of((period.getEnd().getTime() - period.getStart().getTime()) / MILLIS_PER_MINUTE);
        }
        return OptionalLong.empty();
    }

    private static void checkLength(Duration length, Period period, List<RuleViolation> violations) {
        if (!isMinutes(length) || !length.hasValue()) {
            violations.add(RuleViolation.invalid(IssueType.INVALID, "Encounter.length",
                    "Encounter.length is a number of minutes: value with system " + CodeSystems.UCUM + " and code 'min'"));
            return;
        }
        if (length.getValue().signum() < 0) {
            violations.add(RuleViolation.invalid(IssueType.INVALID, "Encounter.length", "Encounter.length cannot be negative"));
            return;
        }
        if (period.hasStart() && period.hasEnd() && !period.getEnd().before(period.getStart())) {
            BigDecimal periodMinutes = BigDecimal.valueOf(period.getEnd().getTime() - period.getStart().getTime())
                    .divide(BigDecimal.valueOf(MILLIS_PER_MINUTE), 3, RoundingMode.HALF_UP);
            if (length.getValue().compareTo(periodMinutes.add(BigDecimal.valueOf(LENGTH_TOLERANCE_MINUTES))) > 0) {
                violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.length", "Encounter.length ("
                        + length.getValue().toPlainString() + " min) is longer than the period (" + periodMinutes.stripTrailingZeros().toPlainString()
                        + " min); it may be shorter (breaks excluded) but not longer"));
            }
        }
    }

    private static void checkAttendedSessionIsTimed(Encounter encounter, List<RuleViolation> violations) {
        Period period = encounter.getPeriod();
        // The date of an attended session anchors the outcome time points (baseline = first attended session).
        if (!period.hasStart()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.period.start",
                    "An attended (finished) session says when it started"));
        }
        boolean hasLength = encounter.hasLength() && encounter.getLength().hasValue();
        if (!period.hasEnd() && !hasLength) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.period.end",
                    "An attended (finished) session says how long it lasted: period.end, or length in minutes"));
        }
    }

    private static boolean isMinutes(Duration length) {
        return CodeSystems.UCUM.equals(length.getSystem()) && SessionCodes.UCUM_MINUTE.equals(length.getCode());
    }
}
