package org.peerbridge.server.outcome;

import java.sql.SQLException;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.safety.SafetyAlert;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Raises the alert for a reported risk of self-harm inside the transaction that stores the response:
 * if any part of it fails, the response is not stored either, so there is never a response without
 * its Flag, its Communication to the referring clinician and its Task business status.
 */
final class SafetyAlerts {

    private final String programOrganization;

    SafetyAlerts(String programOrganization) {
        this.programOrganization = programOrganization;
    }

    void raise(UnitOfWork uow, QuestionnaireResponse response, ReferralOfResponse referral) throws SQLException {
        SafetyAlert alert = new SafetyAlert(referral.referral().getSubject().getReference(), referral.reference(),
                "QuestionnaireResponse/" + response.getIdElement().getIdPart(), referral.referral().getRequester(),
                programOrganization);
        Resource flag = uow.create(alert.flag(uow.now()));
        uow.create(alert.communication(uow.now(), "Flag/" + flag.getIdElement().getIdPart()));
        askForFollowUp(uow, referral.fulfilmentTask());
    }

    /** A new version of the referral's Task with the safety business status: the EHR watching it sees the alert. */
    private static void askForFollowUp(UnitOfWork uow, Task fulfilmentTask) throws SQLException {
        StoredVersion current = uow.lockCurrentRow("Task", fulfilmentTask.getIdElement().getIdPart()).orElseThrow();
        Task task = (Task) uow.decode(current);
        task.setBusinessStatus(SafetyCodes.safetyFollowUp());
        task.setLastModified(uow.now());
        uow.update(task, current);
    }
}
