package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * The referral a QuestionnaireResponse is {@code basedOn}, as stored, with its fulfilment Task.
 *
 * @param referral the ServiceRequest
 * @param basedOnPath where the response names it, e.g. {@code QuestionnaireResponse.basedOn[0]}
 * @param fulfilmentTask the referral's Task; null while it has none
 */
record ReferralOfResponse(ServiceRequest referral, String basedOnPath, Task fulfilmentTask) {

    /**
     * The first {@code ServiceRequest/<id>} of basedOn, read in the writing transaction. Empty when there is
     * none, or it is not stored: the checker and reference integrity say so.
     */
    static Optional<ReferralOfResponse> find(UnitOfWork uow, ReferralTables referrals, QuestionnaireResponse response)
            throws SQLException {
        List<Reference> basedOn = response.getBasedOn();
        for (int i = 0; i < basedOn.size(); i++) {
            Optional<LocalReference> local = LocalReference.parse(basedOn.get(i).getReference())
                    .filter(ref -> ref.type().equals("ServiceRequest"));
            if (local.isPresent()) {
                Optional<ServiceRequest> referral = uow.read("ServiceRequest", local.get().id()).map(ServiceRequest.class::cast);
                if (referral.isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> taskId = referrals.taskOfReferral(uow, local.get().id());
                Task task = taskId.isEmpty() ? null : (Task) uow.read("Task", taskId.get()).orElse(null);
                return Optional.of(new ReferralOfResponse(referral.get(), "QuestionnaireResponse.basedOn[" + i + "]", task));
            }
        }
        return Optional.empty();
    }

    /** {@code ServiceRequest/<id>}. */
    String reference() {
        return "ServiceRequest/" + referral.getIdElement().getIdPart();
    }
}
