package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.storage.UnitOfWork;

/** The referral a QuestionnaireResponse is {@code basedOn}, as stored. */
final class ReferralOfResponse {

    private ReferralOfResponse() {
    }

    static Optional<ServiceRequest> of(UnitOfWork uow, QuestionnaireResponse response) throws SQLException {
        for (Reference basedOn : response.getBasedOn()) {
            Optional<LocalReference> local = LocalReference.parse(basedOn.getReference())
                    .filter(ref -> ref.type().equals("ServiceRequest"));
            if (local.isPresent()) {
                return uow.read("ServiceRequest", local.get().id()).map(ServiceRequest.class::cast);
            }
        }
        return Optional.empty();
    }

    static String reference(ServiceRequest referral) {
        return "ServiceRequest/" + referral.getIdElement().getIdPart();
    }
}
