package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Peer sessions recorded by the program: each request POSTs one Encounter for one of
 * {@value #REFERRALS} accepted referrals (round robin), so every write goes through the session rules
 * (referral, its Task, the peer supporter) and its effects in the same transaction. Three sessions in
 * four are attended ({@code finished}, 50 minutes): the server stores their H0038 Procedure and adds it
 * to the Task's output, a new Task version. The fourth is {@code planned}: the Task reads 5.1.1.
 *
 * <p>{@link #prepare} first creates the peer supporter and the referrals, with their Tasks already
 * accepted ({@link AcceptedReferrals}).
 */
public final class SessionScenario implements Scenario {

    public static final String NAME = "session";
    static final int REFERRALS = 100;
    /** Every {@value}th session is a booking (planned); the others were attended. */
    static final int PLANNED_EVERY = 4;
    static final long SESSION_MINUTES = 50;

    private static final String FIRST_SESSION = "2025-01-06T09:00:00Z";

    private final String runId;
    private final Instant firstSession;
    private final AcceptedReferrals referrals;
    private final JsonTemplate sessionTemplate;

    public SessionScenario(String runId) {
        this(runId, FIRST_SESSION);
    }

    /** Sessions from {@code firstSession} on, one an hour (the progress-report scenario sets up courses with it). */
    SessionScenario(String runId, String firstSession) {
        this.runId = RunId.require(runId);
        this.firstSession = Instant.parse(firstSession);
        this.referrals = new AcceptedReferrals(runId, REFERRALS);
        this.sessionTemplate = JsonTemplate.fromResource(SessionScenario.class, "session-encounter.json",
                List.of("sessionId", "status", "patient", "referral", "supporterRole", "start", "end"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "POST an Encounter (3 in 4 attended, 1 in 4 planned) on one of " + REFERRALS
                + " accepted referrals: session rules, H0038 Procedure, Task update";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        referrals.create(server, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        int referral = (int) (sequence % REFERRALS);
        Instant start = firstSession.plus(sequence, ChronoUnit.HOURS);
        String status = sequence % PLANNED_EVERY == PLANNED_EVERY - 1 ? "planned" : "finished";
        return BenchRequest.postFhirJson("Encounter", sessionTemplate.render(runId + "-" + sequence, status,
                referrals.patient(referral), referrals.referral(referral), referrals.supporterRole(), start.toString(),
                start.plus(SESSION_MINUTES, ChronoUnit.MINUTES).toString()));
    }

    /** Every session is new: anything but 201 Created (its effects committed with it) is wrong. */
    @Override
    public String checkSuccess(int status, byte[] body) {
        return status == 201 ? null : "2xx-not-201-created";
    }
}
