package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.safety.SafetyAlert;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.server.write.WriteContext;

/**
 * Raises the alert for a reported risk of self-harm inside the transaction that stores the response:
 * if any part of it fails, the response is not stored either, so there is never a response without
 * its Flag, its Communication to the referring clinician and its Task business status.
 */
public final class SafetyAlerts {

    private final String programOrganization;

    public SafetyAlerts(String programOrganization) {
        this.programOrganization = programOrganization;
    }

    void raise(WriteContext write, QuestionnaireResponse response, ReferralOfResponse referral) throws SQLException {
        SafetyAlert alert = new SafetyAlert(referral.referral().getSubject().getReference(), referral.reference(),
                "QuestionnaireResponse/" + response.getIdElement().getIdPart(), referral.referral().getRequester(),
                programOrganization);
        Resource flag = write.server().create(alert.flag(write.now()));
        write.server().create(alert.communication(write.now(), "Flag/" + flag.getIdElement().getIdPart()));
        // A new version of the referral's Task with the safety business status: the EHR watching it sees the alert.
        write.server().update(Task.class, referral.fulfilmentTask().getIdElement().getIdPart(),
                task -> Optional.of(task.setBusinessStatus(SafetyCodes.safetyFollowUp())));
    }
}
