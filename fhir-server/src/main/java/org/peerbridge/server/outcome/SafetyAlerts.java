package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.safety.SafetyAlert;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Raises the alert for a reported risk of self-harm inside the transaction that stores the response:
 * if any part of it fails, the response is not stored either, so there is never a response without
 * its Flag, its Communication to the referring clinician and its Task business status.
 */
final class SafetyAlerts {

    private final ReferralTables referrals;
    private final String programOrganization;

    SafetyAlerts(ReferralTables referrals, String programOrganization) {
        this.referrals = referrals;
        this.programOrganization = programOrganization;
    }

    void raise(UnitOfWork uow, QuestionnaireResponse response, ServiceRequest referral) throws SQLException {
        String referralReference = ReferralOfResponse.reference(referral);
        SafetyAlert alert = new SafetyAlert(referral.getSubject().getReference(), referralReference,
                "QuestionnaireResponse/" + response.getIdElement().getIdPart(), referral.getRequester(), programOrganization);
        Resource flag = uow.create(alert.flag(uow.now()));
        uow.create(alert.communication(uow.now(), "Flag/" + flag.getIdElement().getIdPart()));
        askForFollowUp(uow, referral);
    }

    private void askForFollowUp(UnitOfWork uow, ServiceRequest referral) throws SQLException {
        Optional<String> taskId = referrals.taskOfReferral(uow, referral.getIdElement().getIdPart());
        if (taskId.isEmpty()) {
            return;
        }
        StoredVersion current = uow.lockCurrentRow("Task", taskId.get()).orElseThrow();
        Task task = (Task) uow.decode(current);
        task.setBusinessStatus(SafetyCodes.safetyFollowUp());
        task.setLastModified(uow.now());
        uow.update(task, current);
    }
}
