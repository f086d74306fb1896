package org.peerbridge.server.population;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.MeasureReport;
import org.peerbridge.mapping.population.Participant;
import org.peerbridge.mapping.population.ProgramOutcomes;
import org.peerbridge.mapping.population.ProgramOutcomesReport;
import org.peerbridge.mapping.population.ReportSettings;
import org.peerbridge.mapping.population.Stratifier;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;

/**
 * The program-outcomes report of the referrals the caller may see (its read scope), authored in a period: the
 * one computation behind {@code $program-outcomes} and the web app's program page, so both show the same
 * numbers. The cohort is read from the participants' kept figures ({@link ParticipantFigures}), the caller's
 * organization applied in SQL, once those of its referrals still marked stale are derived again
 * ({@link ParticipantRefresher}); {@code mapping.population} computes and writes the report.
 */
public final class ProgramOutcomesReports {

    private final ResourceStore store;
    private final ParticipantRefresher refresher;
    private final ParticipantTable participants = new ParticipantTable();
    private final ReportSettings settings;
    private final String programOrganization;

    public ProgramOutcomesReports(ResourceStore store, ParticipantRefresher refresher, String programOrganization, ReportSettings settings) {
        this.store = store;
        this.refresher = refresher;
        this.settings = settings;
        this.programOrganization = programOrganization;
    }

    /**
     * @param start, end the period of referral days, inclusive; null for unbounded (the report then names the first and
     *                   last referral day, today when there is none)
     */
    public MeasureReport report(LocalDate start, LocalDate end, Set<Stratifier> stratifiers) {
        refresher.refreshVisible(ReadScope.current());
        List<Participant> cohort = store.read(c -> participants.cohort(c, start, end));
        ProgramOutcomes outcomes = ProgramOutcomes.of(cohort, stratifiers, settings);
        LocalDate today = LocalDate.now();
        LocalDate from = start != null ? start : cohort.stream().map(Participant::referred).min(Comparator.naturalOrder()).orElse(today);
        LocalDate to = end != null ? end : cohort.stream().map(Participant::referred).max(Comparator.naturalOrder()).orElse(today);
        return ProgramOutcomesReport.of(outcomes, from, to.isBefore(from) ? from : to, programOrganization, new Date());
    }
}
