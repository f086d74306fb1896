package org.peerbridge.mapping.population;

import java.math.BigDecimal;

/**
 * The parameters of a program-outcomes report that are a matter of policy, not of data.
 *
 * @param minimumCellSize                counts from 1 to one below this are suppressed (default 11, the common
 *                                       small-cell rule of US health data publishers such as CMS)
 * @param costSavingPerParticipantYear   an <em>estimated</em> medical-cost saving per participant per year,
 *                                       taken from published evaluations, never measured by PeerBridge (default
 *                                       615, the estimate of Bravata et al. 2023)
 * @param currency                       ISO 4217 code of that amount
 */
public record ReportSettings(int minimumCellSize, BigDecimal costSavingPerParticipantYear, String currency) {

    public static final ReportSettings DEFAULTS = new ReportSettings(11, new BigDecimal("615"), "USD");

    public ReportSettings {
        if (minimumCellSize < 1) {
            throw new IllegalArgumentException("The minimum cell size is at least 1");
        }
        if (costSavingPerParticipantYear.signum() < 0) {
            throw new IllegalArgumentException("The estimated cost saving is not negative");
        }
    }
}
