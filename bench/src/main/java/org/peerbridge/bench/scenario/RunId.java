package org.peerbridge.bench.scenario;

import java.util.regex.Pattern;

/** The run id: a short token in every identifier a run sends, so runs against one database never meet. */
public final class RunId {

    /** Letters and digits only, so that it fits in any FHIR id or identifier. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{1,16}");

    private RunId() {
    }

    public static boolean isValid(String runId) {
        return runId != null && VALID.matcher(runId).matches();
    }

    static String require(String runId) {
        if (!isValid(runId)) {
            throw new IllegalArgumentException("run id must be 1-16 letters or digits: " + runId);
        }
        return runId;
    }
}
