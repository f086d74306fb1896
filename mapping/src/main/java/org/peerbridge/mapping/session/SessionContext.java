package org.peerbridge.mapping.session;

import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * What the server looked up for a session Encounter before the rules run. Anything it could not find
 * is null (or an empty list); the rules then say so at the right place.
 *
 * @param referral            the ServiceRequest named by {@code Encounter.basedOn[0]}
 * @param fulfilmentTask      that referral's fulfilment Task ({@code Task?focus=ServiceRequest/id}, code fulfill)
 * @param supporterRoles      the PractitionerRoles of the peer supporter participant
 *                            ({@link PeerSupporterParticipant#reference}): the role itself when it is a
 *                            PractitionerRole reference, or every role of the Practitioner otherwise
 * @param groupSession        the Encounter named by {@code Encounter.partOf} (group attendees only)
 * @param programOrganization reference of the program Organization ("Organization/peerbridge-program");
 *                            null skips the serviceProvider check
 */
public record SessionContext(ServiceRequest referral, Task fulfilmentTask, List<PractitionerRole> supporterRoles,
                             Encounter groupSession, String programOrganization) {

    public SessionContext {
        supporterRoles = supporterRoles == null ? List.of() : List.copyOf(supporterRoles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names the parts as they are looked up; unset parts stay null. */
    public static final class Builder {
        private ServiceRequest referral;
        private Task fulfilmentTask;
        private List<PractitionerRole> supporterRoles = List.of();
        private Encounter groupSession;
        private String programOrganization;

        private Builder() {
        }

        public Builder referral(ServiceRequest referral) {
            this.referral = referral;
            return this;
        }

        public Builder fulfilmentTask(Task fulfilmentTask) {
            this.fulfilmentTask = fulfilmentTask;
            return this;
        }

        public Builder supporterRoles(List<PractitionerRole> supporterRoles) {
            this.supporterRoles = supporterRoles;
            return this;
        }

        public Builder groupSession(Encounter groupSession) {
            this.groupSession = groupSession;
            return this;
        }

        public Builder programOrganization(String programOrganization) {
            this.programOrganization = programOrganization;
            return this;
        }

        public SessionContext build() {
            return new SessionContext(referral, fulfilmentTask, supporterRoles, groupSession, programOrganization);
        }
    }
}
