package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.function.Executable;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.ServerTest;

/** Base of the outcome API tests: the requests a peer program and an EHR send, over HTTP with HAPI's generic client. */
abstract class OutcomeApiTest extends ServerTest {

    static final String TIME_POINT = "http://peerbridge.org/fhir/CodeSystem/assessment-time-point";
    static final String SCORE_BAND = "http://peerbridge.org/fhir/CodeSystem/score-band";
    static final String LOINC = "http://loinc.org";

    static IdType create(QuestionnaireResponse response) {
        MethodOutcome outcome = server.client().create().resource(response).execute();
        assertTrue(Boolean.TRUE.equals(outcome.getCreated()));
        return (IdType) outcome.getId().toUnqualifiedVersionless();
    }

    static QuestionnaireResponse read(IdType response) {
        return server.client().read().resource(QuestionnaireResponse.class).withId(response).execute();
    }

    static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    /** The OperationOutcome of a request that must be refused with 422. */
    static OperationOutcome refused(Executable request) {
        return Refusals.refused(422, request);
    }

    /** Where each error issue points, in order. */
    static List<String> errorLocations(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(issue -> issue.getSeverity() == IssueSeverity.ERROR)
                .map(OutcomeApiTest::where).toList();
    }

    /** The one error issue of an answer, checked for its code and location. */
    static OperationOutcomeIssueComponent onlyError(OperationOutcome outcome, OperationOutcome.IssueType code, String location) {
        List<OperationOutcomeIssueComponent> errors = outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == IssueSeverity.ERROR).toList();
        assertEquals(1, errors.size(), () -> "one issue per problem: " + errorLocations(outcome));
        assertEquals(location, where(errors.get(0)));
        assertEquals(code, errors.get(0).getCode());
        return errors.get(0);
    }

    static Observation onlyScoreOf(IdType response) {
        Bundle scores = search("Observation?derived-from=QuestionnaireResponse/" + response.getIdPart());
        assertEquals(1, scores.getTotal(), "one score per response");
        return (Observation) scores.getEntryFirstRep().getResource();
    }

    /** A refused response leaves no trace: no response, no score, no alert. */
    static void assertNothingStoredFor(Referrals.Sent referral) {
        assertEquals(0, search("QuestionnaireResponse?based-on=" + referral.requestReference()).getTotal(), "no response");
        assertEquals(0, search("Observation?based-on=" + referral.requestReference()).getTotal(), "no score");
        assertEquals(0, search("Flag?patient=" + referral.patientReference()).getTotal(), "no Flag");
        assertEquals(0, search("Communication?based-on=" + referral.requestReference()).getTotal(), "no Communication");
    }

    private static String where(OperationOutcomeIssueComponent issue) {
        return issue.hasExpression() ? issue.getExpression().get(0).getValue() : null;
    }
}
