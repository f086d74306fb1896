package org.peerbridge.server.transaction;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
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

    /**
     * The kept answer when a POSTed referral of this transaction is one already stored: {@code assigned}
     * holds what the entries' duplicate lookup found (the referral identifier is read once per request,
     * there), so a referral another organization sent was already refused.
     */
    Optional<Bundle> previousAnswer(UnitOfWork uow, List<BundleEntryComponent> entries,
            Map<BundleEntryComponent, EntryExecutor.Assigned> assigned) throws SQLException {
        for (BundleEntryComponent entry : entries) {
            EntryExecutor.Assigned found = assigned.get(entry);
            if (entry.getResource() instanceof ServiceRequest && found != null
                    && found.existing().filter(ServiceRequest.class::isInstance).isPresent()) {
                Optional<String> stored = answers.answerFor(uow, found.id());
                if (stored.isPresent() && answersSameShape(stored.get(), entries)) {
                    return Optional.of(asRetryAnswer(stored.get()));
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
