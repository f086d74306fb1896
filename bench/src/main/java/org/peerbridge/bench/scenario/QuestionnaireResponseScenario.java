package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Outcome questionnaires recorded by a peer program: every request POSTs a QuestionnaireResponse (a
 * PHQ-9 or a GAD-7) for one of {@value #REFERRALS} accepted referrals, which the server validates,
 * checks against its Questionnaire and its referral, scores, and stores with its score Observation
 * (and, for 1 PHQ-9 in {@value #PHQ9_PER_SAFETY_ALERT}, item 9 above 0: a safety Flag, a Communication
 * and the Task's business status) in one transaction.
 *
 * <p>{@link #prepare} creates the peer supporter who records the responses and the referrals, with their
 * Tasks already accepted ({@link AcceptedReferrals}). Request n goes to
 * referral n mod {@value #REFERRALS}; each referral alternates PHQ-9 and GAD-7, one visit a month from
 * {@link #FIRST_VISIT} (baseline, day 30, 60, 90, then unscheduled), so the server's time-point lookup
 * always has earlier scores to find. Answers are drawn per request, reproducibly.
 */
public final class QuestionnaireResponseScenario implements Scenario {

    public static final String NAME = "questionnaire-response";

    /** Accepted referrals set up before the load; the responses are spread over them in turn. */
    static final int REFERRALS = 100;

    /** One PHQ-9 in this many answers item 9 above 0, as a program would see now and then. */
    static final int PHQ9_PER_SAFETY_ALERT = 20;

    static final LocalDate FIRST_VISIT = LocalDate.of(2026, 1, 5);
    private static final int VISITS_PER_YEAR = 12;

    /** LOINC answer list LL358-3, used by both PHQ-9 and GAD-7: code and display, by score. */
    private static final String[][] ANSWERS = {
        {"LA6568-5", "Not at all"}, {"LA6569-3", "Several days"},
        {"LA6570-1", "More than half the days"}, {"LA6571-9", "Nearly every day"}};

    private static final byte[] QUESTIONNAIRE_RESPONSE = "\"resourceType\":\"QuestionnaireResponse\"".getBytes(StandardCharsets.US_ASCII);

    private final AcceptedReferrals referrals;
    private final Instrument phq9;
    private final Instrument gad7;

    /** One instrument's response template: the referral's ids, who recorded it, when, then a code and display per item. */
    private record Instrument(JsonTemplate template, int items) {

        static Instrument load(String resource, int items) {
            List<String> variables = new ArrayList<>(List.of("patient", "referral", "supporterRole", "authored"));
            for (int i = 1; i <= items; i++) {
                variables.add("code" + i);
                variables.add("display" + i);
            }
            return new Instrument(JsonTemplate.fromResource(QuestionnaireResponseScenario.class, resource, variables), items);
        }
    }

    public QuestionnaireResponseScenario(String runId) {
        this.referrals = new AcceptedReferrals(runId, REFERRALS);
        this.phq9 = Instrument.load("outcome-response-phq-9.json", 9);
        this.gad7 = Instrument.load("outcome-response-gad-7.json", 7);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "POST a QuestionnaireResponse (PHQ-9 or GAD-7) on one of " + REFERRALS
                + " accepted referrals: checked, scored, stored with its score Observation";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        referrals.create(server, FIRST_VISIT.minusDays(7) + "T09:00:00Z");
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        int referral = (int) (sequence % REFERRALS);
        long round = sequence / REFERRALS;
        boolean isPhq9 = round % 2 == 0;
        long visit = round / 2;
        Instrument instrument = isPhq9 ? phq9 : gad7;
        SplittableRandom random = new SplittableRandom(sequence);
        String[] values = new String[4 + 2 * instrument.items()];
        values[0] = referrals.patient(referral);
        values[1] = referrals.referral(referral);
        values[2] = referrals.supporterRole();
        values[3] = FIRST_VISIT.plusDays(30L * (visit % VISITS_PER_YEAR)) + "T10:00:00Z";
        for (int item = 0; item < instrument.items(); item++) {
            int score = random.nextInt(ANSWERS.length);
            if (isPhq9 && item == 8) {
                score = visit % PHQ9_PER_SAFETY_ALERT == referral % PHQ9_PER_SAFETY_ALERT ? 1 : 0;
            }
            values[4 + 2 * item] = ANSWERS[score][0];
            values[5 + 2 * item] = ANSWERS[score][1];
        }
        return BenchRequest.postFhirJson("QuestionnaireResponse", instrument.template().render(values));
    }

    /** A 2xx must be the stored QuestionnaireResponse (the server answers with the representation). */
    @Override
    public String checkSuccess(int status, byte[] body) {
        return body != null && Bodies.contains(body, QUESTIONNAIRE_RESPONSE) ? null : "2xx-not-a-questionnaire-response";
    }
}
