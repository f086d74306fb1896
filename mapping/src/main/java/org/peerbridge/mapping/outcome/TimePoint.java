package org.peerbridge.mapping.outcome;

import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.CodedValue;

/** When in the programme an assessment was made, as a code in the PeerBridge assessment-time-point code system. */
public enum TimePoint implements CodedValue {

    BASELINE("baseline", "Baseline", 0),
    DAY_30("day-30", "30 days after baseline", 30),
    DAY_60("day-60", "60 days after baseline", 60),
    DAY_90("day-90", "90 days after baseline", 90),
    UNSCHEDULED("unscheduled", "Unscheduled (outside every time-point window)", -1);

    private final String code;
    private final String display;
    private final int daysAfterBaseline;

    TimePoint(String code, String display, int daysAfterBaseline) {
        this.code = code;
        this.display = display;
        this.daysAfterBaseline = daysAfterBaseline;
    }

    @Override
    public String system() {
        return CodeSystems.ASSESSMENT_TIME_POINT;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

    /** Target day counted from baseline; -1 for unscheduled, which has none. */
    public int daysAfterBaseline() {
        return daysAfterBaseline;
    }
}
