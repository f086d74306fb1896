package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.util.List;

/**
 * What the session and questionnaire scenarios record their work on, created before the clock starts: a
 * peer supporter (an active Peer Specialist PractitionerRole at the program), the referring Practitioner,
 * and {@code count} referrals, each one transaction (Patient, ServiceRequest and its Task, created
 * accepted). Ids carry the run id, so runs against the same database never meet.
 */
final class AcceptedReferrals {

    private final String runId;
    private final int count;
    private final JsonTemplate staffTemplate;
    private final JsonTemplate referralTemplate;

    AcceptedReferrals(String runId, int count) {
        this.runId = RunId.require(runId);
        this.count = count;
        this.staffTemplate = JsonTemplate.fromResource(AcceptedReferrals.class, "session-peer-supporter.json",
                List.of("supporter", "supporterRole", "referrer"));
        this.referralTemplate = JsonTemplate.fromResource(AcceptedReferrals.class, "session-accepted-referral.json",
                List.of("patient", "referral", "task", "referrer", "authoredOn"));
    }

    /** Creates the staff, then the referrals authored at {@code authoredOn}, one request each. */
    void create(ServerSetup server, String authoredOn) throws IOException, InterruptedException {
        server.send(BenchRequest.postFhirJson("", staffTemplate.render(id("peer"), supporterRole(), id("referrer"))));
        for (int i = 0; i < count; i++) {
            server.send(BenchRequest.postFhirJson("", referralTemplate.render(patient(i), referral(i), id("task" + i),
                    id("referrer"), authoredOn)));
        }
    }

    int count() {
        return count;
    }

    /** The id of referral {@code index}'s Patient. */
    String patient(int index) {
        return id("p" + index);
    }

    /** The id of referral {@code index}'s ServiceRequest. */
    String referral(int index) {
        return id("sr" + index);
    }

    /** The id of the peer supporter's PractitionerRole. */
    String supporterRole() {
        return id("peer-role");
    }

    /** An id of this run: {@code bench-<run id>-<suffix>}. */
    String id(String suffix) {
        return "bench-" + runId + "-" + suffix;
    }
}
