package org.peerbridge.mapping.session;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedurePerformerComponent;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.codes.CodeSystems;

/**
 * The billable, reportable activity of an attended session: a Procedure coded HCPCS H0038, shaped like the
 * SDOH Clinical Care Procedure (category Social service procedure + SDOHCC social-connection, basedOn the
 * referral, performed set because it is completed). R4 Procedure has no quantity, so the number of
 * 15-minute units ({@link PeerServiceUnits}) goes in the extension {@link SessionCodes#BILLING_UNITS_EXTENSION}.
 */
public final class ActivityProcedureFactory {

    private ActivityProcedureFactory() {
    }

    /**
     * @param session          an attended (finished) session Encounter that passed {@link SessionRules}
     * @param sessionReference the session's own reference, "Encounter/id"
     */
    public static Procedure forAttendedSession(Encounter session, String sessionReference) {
        if (SessionKind.of(session).orElse(null) != SessionKind.ATTENDED) {
            throw new IllegalArgumentException("Only an attended (finished) session yields an activity; this one is "
                    + (session.hasStatus() ? session.getStatus().toCode() : "without status"));
        }
        if (!session.hasBasedOn()) {
            throw new IllegalArgumentException("The group Encounter yields no activity; each attendee's Encounter does");
        }
        Procedure procedure = new Procedure();
        procedure.setStatus(ProcedureStatus.COMPLETED);
        procedure.setCategory(new CodeableConcept(new Coding(CodeSystems.SNOMED_CT, SessionCodes.SOCIAL_SERVICE_PROCEDURE,
                SessionCodes.SOCIAL_SERVICE_PROCEDURE_DISPLAY))
                .addCoding(new Coding(CodeSystems.SDOHCC_TEMPORARY_CODES, SessionCodes.SDOHCC_SOCIAL_CONNECTION,
                        SessionCodes.SDOHCC_SOCIAL_CONNECTION_DISPLAY)));
        procedure.setCode(new CodeableConcept(new Coding(CodeSystems.HCPCS, SessionCodes.H0038, SessionCodes.H0038_DISPLAY)));
        procedure.setSubject(session.getSubject().copy());
        procedure.addBasedOn(session.getBasedOn().get(0).copy());
        procedure.setEncounter(new Reference(sessionReference));
        PeerSupporterParticipant.reference(session).ifPresent(supporter -> {
            ProcedurePerformerComponent performer = procedure.addPerformer().setActor(supporter.copy());
            if (session.hasServiceProvider()) {
                performer.setOnBehalfOf(session.getServiceProvider().copy());
            }
        });
        setPerformed(procedure, session.getPeriod());
        OptionalLong minutes = SessionDuration.minutes(session);
        if (minutes.isPresent()) {
            procedure.addExtension(SessionCodes.BILLING_UNITS_EXTENSION, new IntegerType(PeerServiceUnits.units(minutes.getAsLong())));
        }
        return procedure;
    }

    /** The number of units the Procedure carries, if any. */
    public static OptionalInt billingUnits(Procedure procedure) {
        Extension extension = procedure.getExtensionByUrl(SessionCodes.BILLING_UNITS_EXTENSION);
        return extension != null && extension.getValue() instanceof IntegerType units && units.hasValue()
                ? OptionalInt.of(units.getValue()) : OptionalInt.empty();
    }

    private static void setPerformed(Procedure procedure, Period period) {
        if (period.hasStart() && period.hasEnd()) {
            procedure.setPerformed(period.copy());
        } else if (period.hasStart()) {
            // Known start, length only: the date and time is what is known for sure; the minutes are in the units.
            procedure.setPerformed(new DateTimeType(period.getStartElement().getValueAsString()));
        }
    }
}
