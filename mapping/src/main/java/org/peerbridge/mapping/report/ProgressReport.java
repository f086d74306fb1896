package org.peerbridge.mapping.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Instrument;

/**
 * What a progress report says about one referral, computed from what is stored: the course's dates, the
 * sessions, each instrument's change from baseline, and the safety Flags. Pure: the same course gives the
 * same report.
 */
public record ProgressReport(ReferralCourse course, List<StatusTimeline.Step> timeline, SessionSummary sessions,
                             List<InstrumentProgress> instruments, ReportedFlags flags) {

    public static ProgressReport of(ReferralCourse course) {
        var firstSession = AssessmentSchedule.firstAttendedSession(course.sessions());
        List<ScoreReading> readings = course.currentScores().stream()
                .map(ScoreReading::of).flatMap(Optional::stream).toList();
        List<InstrumentProgress> instruments = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            instruments.add(InstrumentProgress.of(instrument,
                    readings.stream().filter(r -> r.instrument() == instrument).toList(), firstSession));
        }
        return new ProgressReport(course, StatusTimeline.of(course.referral(), course.taskVersions(), firstSession),
                SessionSummary.of(course.sessions(), course.currentActivities()), instruments,
                ReportedFlags.of(course.flags(), course.responses()));
    }
}
