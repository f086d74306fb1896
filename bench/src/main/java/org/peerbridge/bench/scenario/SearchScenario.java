package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The searches docs/architecture.md shows the plans of, in turn, each finding one of {@value #REFERRALS} referrals
 * the set-up stored: the Patient by its identifier (the conditional create's lookup), {@code ServiceRequest?subject=}
 * the Patient, and the MRN chain {@code ServiceRequest?subject:Patient.identifier=}. Plain FHIR R4 searches, so the
 * same load runs against any server that supports chaining (the HAPI JPA starter does).
 *
 * <p>{@link #prepare} (not timed) sends the {@code referral} scenario's transactions and takes each Patient's id from
 * the transaction-response.
 */
public final class SearchScenario implements Scenario {

    public static final String NAME = "search";
    static final int REFERRALS = 300;

    private static final Pattern PATIENT_LOCATION = Pattern.compile("Patient/([A-Za-z0-9.-]+)/_history");
    private static final byte[] ENTRY = "\"entry\"".getBytes(StandardCharsets.US_ASCII);
    private static final String SSN = ReferralScenario.SSN_SYSTEM + "%7C";

    private final String runId;
    private final List<String> patientIds = new ArrayList<>();

    public SearchScenario(String runId) {
        this.runId = RunId.require(runId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GET Patient?identifier=, ServiceRequest?subject= and ServiceRequest?subject:Patient.identifier= in turn, each matching one of "
                + REFERRALS + " stored referrals";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        ReferralScenario referral = new ReferralScenario(runId);
        for (int i = 0; i < REFERRALS; i++) {
            ServerSetup.Answer answer = server.exchange(referral.next(i));
            Matcher created = PATIENT_LOCATION.matcher(answer.bodyText());
            if (answer.status() != 200 || !created.find()) {
                throw new IOException("referral " + i + " answered " + answer.status() + ": " + answer.bodyText());
            }
            patientIds.add(created.group(1));
        }
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        int referral = (int) (sequence / 3 % patientIds.size());
        // The referral scenario's Patient identifier (its conditional-create criterion) stands for the MRN.
        String mrn = SSN + runId + "-" + referral;
        String path = switch ((int) (sequence % 3)) {
            case 0 -> "Patient?identifier=" + mrn;
            case 1 -> "ServiceRequest?subject=Patient/" + patientIds.get(referral);
            default -> "ServiceRequest?subject:Patient.identifier=" + mrn;
        };
        return new BenchRequest("GET", path, null, null);
    }

    /** Every search matches one resource: an answer without entries is wrong. */
    @Override
    public String checkSuccess(int status, byte[] body) {
        return body != null && Bodies.contains(body, ENTRY) ? null : "2xx-no-match";
    }
}
