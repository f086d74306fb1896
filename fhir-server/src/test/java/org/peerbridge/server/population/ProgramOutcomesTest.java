package org.peerbridge.server.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.population.ProgramOutcomesReport;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/**
 * [base]/$program-outcomes over HTTP: the figures of a cohort built through the API, a referring
 * organization's own aggregate only, small cells masked, bad parameters refused with their location,
 * the Measure and OperationDefinition published.
 */
class ProgramOutcomesTest extends ServerTest {

    @Test
    void aReferrerSeesItsOwnCohortsFiguresAndAnotherSeesOnlyAMaskedCount() {
        String run = Referrals.unique();
        IGenericClient program = server.client();
        IGenericClient north = server.clientFor("outcomes-north-" + run, "Organization/north-" + run, "system/*.cruds");
        IGenericClient east = server.clientFor("outcomes-east-" + run, "Organization/east-" + run, "system/*.cruds");
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        for (int i = 0; i < 12; i++) {
            Referrals.Sent referral = accepted(program, Referrals.send(north));
            program.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-06-09T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 0)).execute();
            Sessions.record(program, Sessions.attended(referral, supporter.role()));
            // 6, 7 or 8 at 90 days: each third of the cohort one point apart
            program.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-09-08T10:00:00Z", 1, 1, 1, 1, 1, 1, i % 3, 0, 0))
                    .execute();
        }
        accepted(program, Referrals.send(east));

        MeasureReport northReport = outcomes(north, "");

        assertEquals(MeasureReport.MeasureReportType.SUMMARY, northReport.getType());
        assertEquals("http://peerbridge.org/fhir/Measure/program-outcomes", northReport.getMeasure());
        assertEquals(12, group(northReport, "referred").getPopulationFirstRep().getCount(), "north's referrals only");
        assertEquals(12, group(northReport, "started").getPopulation().get(1).getCount());
        MeasureReportGroupComponent change = group(northReport, "phq-9.day-90.mean-change");
        assertEquals(12, change.getPopulation().get(1).getCount());
        assertEquals(-9.0, change.getMeasureScore().getValue().doubleValue(), 1e-9); // 16 to 6, 7, 8
        // changes -10, -9, -8 four times each: s = 0.8528, se = 0.2462, t(0.975, 11) = 2.201
        Range interval = (Range) change.getMeasureScore().getExtensionByUrl(ProgramOutcomesReport.CONFIDENCE_INTERVAL).getValue();
        assertEquals(-9.54, interval.getLow().getValue().doubleValue(), 1e-9);
        assertEquals(-8.46, interval.getHigh().getValue().doubleValue(), 1e-9);
        assertEquals(1.0, group(northReport, "phq-9.day-90.response").getMeasureScore().getValue().doubleValue(), "all halved or better");
        assertEquals(0.0, group(northReport, "phq-9.day-90.remission").getMeasureScore().getValue().doubleValue());
        assertEquals(45.0, group(northReport, "minutes-per-participant").getMeasureScore().getValue().doubleValue());

        MeasureReport eastReport = outcomes(east, "");
        assertTrue(group(eastReport, "referred").getPopulationFirstRep().getCountElement()
                .hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON), "one referral is a small cell");
        assertFalse(group(eastReport, "referred").getPopulationFirstRep().getCountElement().hasValue());

        MeasureReport programReport = outcomes(program, "?stratifier=referring-organization");
        assertTrue(group(programReport, "referred").getPopulationFirstRep().getCount() >= 13, "the program sees everyone");
        StratifierGroupComponent eastStratum = stratum(group(programReport, "referred"), "east-" + run);
        assertTrue(eastStratum.getPopulationFirstRep().getCountElement().hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON));
        long masked = group(programReport, "referred").getStratifierFirstRep().getStratum().stream()
                .filter(s -> !s.getPopulationFirstRep().getCountElement().hasValue()).count();
        assertTrue(masked >= 2, "with one stratum masked, the total minus the others would give it away");
        StratifierGroupComponent northStratum = stratum(group(programReport, "referred"), "north-" + run);
        assertTrue(!northStratum.getPopulationFirstRep().getCountElement().hasValue()
                || northStratum.getPopulationFirstRep().getCount() == 12, "north's count, or masked to protect a smaller one");
    }

    @Test
    void postTakesTheSameParametersAsGet() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("periodStart").setValue(new DateType("2025-01-01"));
        parameters.addParameter().setName("periodEnd").setValue(new DateType("2025-12-31"));
        parameters.addParameter().setName("stratifier").setValue(new CodeType("age-band"));
        MeasureReport report = server.client().operation().onServer().named("$program-outcomes").withParameters(parameters)
                .returnResourceType(MeasureReport.class).execute();
        assertEquals("2025-01-01", report.getPeriod().getStartElement().getValueAsString());
        assertEquals("age-band", group(report, "referred").getStratifierFirstRep().getCodeFirstRep().getCodingFirstRep().getCode());
    }

    @Test
    void badParametersAreRefusedWithTheirLocation() {
        for (String[] bad : List.of(new String[] {"?periodStart=yesterday", "http.periodStart"},
                new String[] {"?stratifier=favourite-colour", "http.stratifier"}, new String[] {"?colour=blue", "http.colour"},
                new String[] {"?periodStart=2025-02-01&periodEnd=2025-01-01", "http.periodEnd"})) {
            HttpResponse<String> answer = server.send("GET", "/$program-outcomes" + bad[0], null, null);
            assertEquals(400, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("OperationOutcome") && answer.body().contains(bad[1]), answer.body());
        }
    }

    @Test
    void theMeasureAndTheOperationArePublished() {
        IGenericClient referrer = server.clientFor("outcomes-reader-" + Referrals.unique(), "Organization/reader-" + Referrals.unique(),
                "system/*.rs");
        Measure measure = referrer.read().resource(Measure.class).withId("program-outcomes").execute();
        assertEquals("http://peerbridge.org/fhir/Measure/program-outcomes", measure.getUrl());
        assertTrue(measure.getGroup().stream().anyMatch(g -> g.getCode().getCodingFirstRep().getCode().equals("phq-9.day-90.mean-change")));
        CapabilityStatement capabilities = referrer.capabilities().ofType(CapabilityStatement.class).execute();
        assertTrue(capabilities.getRestFirstRep().getOperation().stream().anyMatch(o -> o.getName().equals("program-outcomes")));
        assertEquals("program-outcomes", referrer.read().resource(org.hl7.fhir.r4.model.OperationDefinition.class)
                .withId("program-outcomes").execute().getCode());
    }

    private static Referrals.Sent accepted(IGenericClient program, Referrals.Sent sent) {
        Task task = program.read().resource(Task.class).withId(sent.task().getIdElement().toUnqualifiedVersionless()).execute();
        task.setStatus(Task.TaskStatus.ACCEPTED);
        return new Referrals.Sent(sent.request(), (Task) program.update().resource(task).execute().getResource());
    }

    private static MeasureReport outcomes(IGenericClient client, String query) {
        return client.fetchResourceFromUrl(MeasureReport.class, server.baseUrl() + "/$program-outcomes" + query);
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String code) {
        return report.getGroup().stream().filter(g -> g.getCode().getCodingFirstRep().getCode().equals(code)).findFirst().orElseThrow();
    }

    private static StratifierGroupComponent stratum(MeasureReportGroupComponent group, String value) {
        return group.getStratifierFirstRep().getStratum().stream().filter(s -> s.getValue().getText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no stratum " + value));
    }
}
