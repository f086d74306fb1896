package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A cohort's outcomes as a report shows them: the whole cohort, each requested stratifier's strata, and
 * which counts are hidden by {@link SmallCellSuppression}, the strata included in the audit (each
 * stratifier's strata add up to the whole, count by count).
 */
public record ProgramOutcomes(CohortSummary overall, Map<Stratifier, Map<String, CohortSummary>> strata, CellTable<CellKey> cells,
                              Set<CellKey> hidden, ReportSettings settings) {

    /** A count of the whole cohort ({@code stratifier} null) or of one stratum. */
    public record CellKey(Stratifier stratifier, String stratum, String cell) {

        public static CellKey overall(String cell) {
            return new CellKey(null, null, cell);
        }
    }

    public static ProgramOutcomes of(List<Participant> participants, Set<Stratifier> stratifiers, ReportSettings settings) {
        CohortSummary overall = CohortSummary.of(participants, settings);
        CohortSummary.Reasons reasons = CohortSummary.Reasons.of(overall.funnel());
        CellTable<CellKey> table = new CellTable<>();
        overall.addCells(table, CellKey::overall, reasons);
        List<String> overallCells = new ArrayList<>(table.values().keySet().stream().map(CellKey::cell).toList());
        Map<Stratifier, Map<String, CohortSummary>> strata = new EnumMap<>(Stratifier.class);
        for (Stratifier stratifier : stratifiers) {
            Map<String, List<Participant>> groups = participants.stream()
                    .collect(Collectors.groupingBy(p -> p.stratum(stratifier), TreeMap::new, Collectors.toList()));
            Map<String, CohortSummary> summaries = new TreeMap<>();
            groups.forEach((stratum, members) -> {
                CohortSummary summary = CohortSummary.of(members, settings);
                summaries.put(stratum, summary);
                summary.addCells(table, cell -> new CellKey(stratifier, stratum, cell), reasons);
            });
            strata.put(stratifier, summaries);
            for (String cell : overallCells) {
                if (!summaries.isEmpty()) {
                    table.sum(CellKey.overall(cell), summaries.keySet().stream().map(s -> new CellKey(stratifier, s, cell)).toList());
                }
            }
        }
        return new ProgramOutcomes(overall, strata, table, SmallCellSuppression.hidden(table, settings.minimumCellSize()), settings);
    }

    /** Whether a count of the whole cohort ({@code stratifier} null) or of a stratum may be shown. */
    public boolean shown(Stratifier stratifier, String stratum, String cell) {
        return !hidden.contains(new CellKey(stratifier, stratum, cell));
    }
}
