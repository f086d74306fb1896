package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/** The session load records sessions on referrals its own setup created and accepted. */
class SessionScenarioTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final SessionScenario scenario = new SessionScenario("run42");

    @Test
    void setupCreatesAPeerSupporterAndAcceptedReferrals() throws Exception {
        List<Bundle> sent = prepared();
        assertEquals(1 + SessionScenario.REFERRALS, sent.size());
        PractitionerRole role = (PractitionerRole) sent.get(0).getEntry().get(1).getResource();
        assertTrue(role.getActive());
        assertEquals("175T00000X", role.getCodeFirstRep().getCodingFirstRep().getCode());
        for (Bundle referral : sent.subList(1, sent.size())) {
            assertEquals(Bundle.BundleType.TRANSACTION, referral.getType());
            assertTrue(referral.getEntry().stream().allMatch(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.PUT
                    && e.getRequest().getUrl().endsWith("/" + e.getResource().getIdElement().getIdPart())));
            Task task = (Task) referral.getEntry().get(2).getResource();
            assertEquals(Task.TaskStatus.ACCEPTED, task.getStatus());
            assertEquals("ServiceRequest/" + referral.getEntry().get(1).getResource().getIdElement().getIdPart(),
                    task.getFocus().getReference());
        }
    }

    @Test
    void sessionsAreOnThePreparedReferralsWithThePreparedSupporter() throws Exception {
        List<Bundle> sent = prepared();
        Set<String> referrals = sent.subList(1, sent.size()).stream()
                .map(b -> "ServiceRequest/" + b.getEntry().get(1).getResource().getIdElement().getIdPart()).collect(Collectors.toSet());
        String role = "PractitionerRole/" + sent.get(0).getEntry().get(1).getResource().getIdElement().getIdPart();
        for (long sequence = 0; sequence < 2L * SessionScenario.REFERRALS; sequence++) {
            Encounter session = session(sequence);
            assertTrue(referrals.contains(session.getBasedOnFirstRep().getReference()));
            assertEquals(role, session.getParticipantFirstRep().getIndividual().getReference());
            assertEquals(SessionScenario.SESSION_MINUTES,
                    (session.getPeriod().getEnd().getTime() - session.getPeriod().getStart().getTime()) / 60_000);
        }
    }

    @Test
    void threeSessionsInFourWereAttended() {
        long attended = LongStream.range(0, 400).filter(s -> session(s).getStatus() == Encounter.EncounterStatus.FINISHED).count();
        assertEquals(300, attended);
        assertEquals("Encounter", scenario.next(0).path());
        assertTrue(!session(0).getIdentifierFirstRep().getValue().equals(session(1).getIdentifierFirstRep().getValue()));
    }

    @Test
    void onlyACreatedSessionCounts() {
        assertNull(scenario.checkSuccess(201, new byte[0]));
        assertEquals("2xx-not-201-created", scenario.checkSuccess(200, new byte[0]));
    }

    private List<Bundle> prepared() throws Exception {
        List<Bundle> sent = new ArrayList<>();
        scenario.prepare(request -> {
            assertEquals("", request.path());
            sent.add(parse(request.bodyText(), Bundle.class));
        });
        for (BundleEntryComponent entry : sent.get(0).getEntry()) {
            assertEquals(Bundle.HTTPVerb.PUT, entry.getRequest().getMethod());
        }
        return sent;
    }

    private Encounter session(long sequence) {
        return parse(scenario.next(sequence).bodyText(), Encounter.class);
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(String json, Class<T> type) {
        return FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(type, json);
    }
}
