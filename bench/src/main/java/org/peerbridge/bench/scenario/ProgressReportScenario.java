package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Progress reports asked for by referring EHRs: every request is {@code GET ServiceRequest/[id]/$progress-report}
 * for one of {@value #REFERRALS} referrals in turn, which the server answers by gathering the referral's Task
 * and its versions, sessions, Procedures, responses, scores and Flags and writing the document.
 *
 * <p>{@link #prepare} (not timed) gives each referral a course first: the accepted referrals and peer
 * supporter of {@link AcceptedReferrals}, {@value #SESSIONS_PER_REFERRAL} sessions each from the session
 * scenario (3 in 4 attended), starting the day after the first visit, and {@value #RESPONSES_PER_REFERRAL}
 * responses each from the questionnaire scenario (PHQ-9 and GAD-7 at the first visit and 30 days later), so
 * every report has a baseline and a change. Both scenarios work on the same referrals: their ids depend
 * only on the run id.
 */
public final class ProgressReportScenario implements Scenario {

    public static final String NAME = "progress-report";
    static final int REFERRALS = SessionScenario.REFERRALS;
    static final int SESSIONS_PER_REFERRAL = 2;
    static final int RESPONSES_PER_REFERRAL = 4;

    private static final byte[] DOCUMENT = "\"type\":\"document\"".getBytes(StandardCharsets.US_ASCII);

    private final String runId;
    private final AcceptedReferrals referrals;

    public ProgressReportScenario(String runId) {
        this.runId = RunId.require(runId);
        this.referrals = new AcceptedReferrals(runId, REFERRALS);
        if (QuestionnaireResponseScenario.REFERRALS != REFERRALS) {
            throw new IllegalStateException("the session and questionnaire scenarios must share their referrals");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GET ServiceRequest/[id]/$progress-report on one of " + REFERRALS + " referrals, each with "
                + SESSIONS_PER_REFERRAL + " sessions and " + RESPONSES_PER_REFERRAL + " scored responses set up first";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        QuestionnaireResponseScenario responses = new QuestionnaireResponseScenario(runId);
        responses.prepare(server); // the peer supporter and the accepted referrals
        // Sessions from the day after the first visit, so the visit before them is each course's baseline.
        SessionScenario sessions = new SessionScenario(runId, QuestionnaireResponseScenario.FIRST_VISIT.plusDays(1) + "T09:00:00Z");
        for (long sequence = 0; sequence < (long) REFERRALS * SESSIONS_PER_REFERRAL; sequence++) {
            server.send(sessions.next(sequence));
        }
        for (long sequence = 0; sequence < (long) REFERRALS * RESPONSES_PER_REFERRAL; sequence++) {
            server.send(responses.next(sequence));
        }
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        String referral = referrals.referral((int) (sequence % REFERRALS));
        return new BenchRequest("GET", "ServiceRequest/" + referral + "/$progress-report", null, null);
    }

    /** A 2xx must be the document. */
    @Override
    public String checkSuccess(int status, byte[] body) {
        return body != null && Bodies.contains(body, DOCUMENT) ? null : "2xx-not-a-document";
    }
}
