package org.peerbridge.mapping.session;

/**
 * Billable units of HCPCS H0038 "Self-help/peer services, per 15 minutes" for one session.
 *
 * <p>The rule is the midpoint rule CMS states for codes billed in 15-minute units (Medicare Claims
 * Processing Manual, Pub. 100-04, Chapter 5, §20.2 C, the "8-minute rule"): nothing below 8 minutes;
 * one unit from 8 through 22 minutes, two from 23 through 37, and so on — a further unit once more than
 * half of it (8 minutes) is reached. Whole minutes of contact only. Payers (state Medicaid plans) may set
 * their own rules and daily caps for H0038; those belong to billing, not here. See docs/sessions.md.
 */
public final class PeerServiceUnits {

    /** Minutes in one H0038 unit. */
    public static final int MINUTES_PER_UNIT = 15;

    /** Minutes past which a unit counts: more than half of {@link #MINUTES_PER_UNIT}. */
    public static final int MINUTES_FOR_A_UNIT = MINUTES_PER_UNIT / 2 + 1;

    private PeerServiceUnits() {
    }

    /** Units for a session of this many whole minutes: floor((minutes + 7) / 15), 0 below 8 minutes. */
    public static int units(long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes cannot be negative: " + minutes);
        }
        return Math.toIntExact((minutes + MINUTES_PER_UNIT - MINUTES_FOR_A_UNIT) / MINUTES_PER_UNIT);
    }
}
