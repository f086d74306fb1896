package org.peerbridge.mapping.population;

import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/** The names of the counts a program-outcomes report shows (see {@link CohortSummary#addCells}). */
public final class Cells {

    public static final String REFERRED = "referred";
    public static final String ACCEPTED = "accepted";
    public static final String STARTED = "started";
    public static final String COMPLETED = "completed";
    public static final String DECLINED = "declined";
    public static final String CANCELLED = "cancelled";
    public static final String BOOKED_SESSIONS = "booked-sessions";
    public static final String NO_SHOWS = "no-shows";
    static final String PAIRED = "paired";
    static final String ELEVATED = "elevated";
    static final String NON_ZERO_BASELINE = "non-zero-baseline";
    static final String RESPONSE = "response";
    static final String REMISSION = "remission";

    private Cells() {
    }

    /** Participants with a baseline score of the instrument. */
    public static String withBaseline(Instrument instrument) {
        return instrument.slug() + "/baseline";
    }

    /** A count of the instrument at a follow-up time point: paired, elevated, non-zero-baseline, response, remission. */
    public static String at(Instrument instrument, TimePoint timePoint, String count) {
        return instrument.slug() + "/" + timePoint.code() + "/" + count;
    }

    /** Declined or cancelled referrals with one reason. */
    public static String reason(String ending, String reason) {
        return ending + "/reason/" + reason;
    }
}
