package org.peerbridge.server.transaction;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Makes referral intake idempotent at the Bundle level: the answer to the transaction that created a
 * referral is kept, and a retry of it (same ServiceRequest identifier) gets that answer again, with
 * every entry "200 OK", and writes nothing.
 */
public final class IntakeReplay {

    private final IntakeAnswers answers;
    private final FhirContext fhirContext;

    public IntakeReplay(IntakeAnswers answers, FhirContext fhirContext) {
        this.answers = answers;
        this.fhirContext = fhirContext;
    }

    Optional<Bundle> previousAnswer(UnitOfWork uow, List<BundleEntryComponent> entries) throws SQLException {
        for (BundleEntryComponent entry : entries) {
            if (entry.getRequest().getMethod() == HTTPVerb.POST && entry.getResource() instanceof ServiceRequest referral) {
                for (Identifier identifier : referral.getIdentifier()) {
                    Optional<String> stored = answers.answerFor(uow, identifier);
                    if (stored.isPresent() && answersSameShape(stored.get(), entries)) {
                        return Optional.of(asRetryAnswer(stored.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    void remember(UnitOfWork uow, List<BundleEntryComponent> entries, Bundle response) throws SQLException {
        for (int i = 0; i < entries.size(); i++) {
            BundleEntryComponent entry = entries.get(i);
            BundleEntryComponent answer = response.getEntry().get(i);
            if (entry.getResource() instanceof ServiceRequest && answer.getResponse().getStatus().startsWith("201")) {
                Bundle summary = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
                for (BundleEntryComponent e : response.getEntry()) {
                    summary.addEntry().setFullUrl(e.getFullUrl()).setResponse(e.getResponse().copy());
                }
                answers.keep(uow, answer.getResource().getIdElement().getIdPart(),
                        fhirContext.newJsonParser().encodeResourceToString(summary));
            }
        }
    }

    private boolean answersSameShape(String stored, List<BundleEntryComponent> entries) {
        return parse(stored).getEntry().size() == entries.size();
    }

    private Bundle asRetryAnswer(String stored) {
        Bundle answer = parse(stored);
        answer.getEntry().forEach(e -> {
            if (e.getResponse().getStatus().startsWith("201")) {
                e.getResponse().setStatus("200 OK");
            }
        });
        return answer;
    }

    private Bundle parse(String stored) {
        return fhirContext.newJsonParser().parseResource(Bundle.class, stored);
    }
}
