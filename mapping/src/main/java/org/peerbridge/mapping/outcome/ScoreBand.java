package org.peerbridge.mapping.outcome;

import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.CodedValue;

/**
 * A severity band of one instrument, as a code in the PeerBridge score-band code system. Bounds are on
 * the instrument's raw total (for WHO-5 before the x4 scaling), inclusive. Sources are in
 * docs/outcomes.md.
 */
public enum ScoreBand implements CodedValue {

    PHQ9_MINIMAL("phq9-minimal", "Minimal depression", 0, 4),
    PHQ9_MILD("phq9-mild", "Mild depression", 5, 9),
    PHQ9_MODERATE("phq9-moderate", "Moderate depression", 10, 14),
    PHQ9_MODERATELY_SEVERE("phq9-moderately-severe", "Moderately severe depression", 15, 19),
    PHQ9_SEVERE("phq9-severe", "Severe depression", 20, 27),

    PHQ2_NEGATIVE("phq2-negative", "Negative depression screen", 0, 2),
    PHQ2_POSITIVE("phq2-positive", "Positive depression screen", 3, 6),

    GAD7_MINIMAL("gad7-minimal", "Minimal anxiety", 0, 4),
    GAD7_MILD("gad7-mild", "Mild anxiety", 5, 9),
    GAD7_MODERATE("gad7-moderate", "Moderate anxiety", 10, 14),
    GAD7_SEVERE("gad7-severe", "Severe anxiety", 15, 21),

    UCLA3_NOT_LONELY("ucla3-not-lonely", "Not lonely", 3, 5),
    UCLA3_LONELY("ucla3-lonely", "Lonely", 6, 9),

    // Raw 0-7 is index 0-28, raw 8-12 is index 32-48, raw 13-25 is index 52-100.
    WHO5_POSSIBLE_DEPRESSION("who5-possible-depression", "Poor well-being, possible depression (index 28 or below)", 0, 7),
    WHO5_POOR_WELL_BEING("who5-poor-well-being", "Poor well-being (index 50 or below)", 8, 12),
    WHO5_NOT_POOR("who5-not-poor", "No indication of poor well-being (index above 50)", 13, 25);

    private final String code;
    private final String display;
    private final int lowest;
    private final int highest;

    ScoreBand(String code, String display, int lowest, int highest) {
        this.code = code;
        this.display = display;
        this.lowest = lowest;
        this.highest = highest;
    }

    @Override
    public String system() {
        return CodeSystems.SCORE_BAND;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

    /** Lowest raw total in the band, inclusive. */
    public int lowest() {
        return lowest;
    }

    /** Highest raw total in the band, inclusive. */
    public int highest() {
        return highest;
    }

    @Override
    public String definition() {
        return display + ": raw total " + lowest + " to " + highest + ".";
    }

    public boolean contains(int rawTotal) {
        return rawTotal >= lowest && rawTotal <= highest;
    }
}
