package org.peerbridge.mapping.population;

import java.math.BigDecimal;

/**
 * An <em>estimate</em> of medical-cost savings: the configured saving per participant per year (a figure
 * from published evaluations, {@link ReportSettings#costSavingPerParticipantYear}) times the participants
 * who started. Nothing here is measured; the report labels it so.
 */
public record CostEstimate(BigDecimal perParticipantYear, String currency, long participants, BigDecimal total) {

    static CostEstimate of(ReportSettings settings, long participants) {
        return new CostEstimate(settings.costSavingPerParticipantYear(), settings.currency(), participants,
                settings.costSavingPerParticipantYear().multiply(BigDecimal.valueOf(participants)));
    }
}
