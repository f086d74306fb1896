package org.peerbridge.server.web.view;

import java.util.List;
import org.peerbridge.mapping.report.SessionSummary;
import org.peerbridge.server.web.chart.ScoreChart;

/**
 * Everything the course page shows about one referral, ready for the template: the patient, the timeline,
 * the safety alerts (open first), one chart and table per assessed instrument, the responses' item answers,
 * and the sessions.
 */
public record CourseView(String referralId, String patientId, PatientHeader patient, String status, List<Step> timeline,
                         List<Alert> openAlerts, List<Alert> closedAlerts, List<InstrumentView> instruments,
                         List<ResponseView> responses, SessionSummary sessionSummary, List<SessionRow> sessions) {

    /** A step of the referral's course: what, when, and why (a decline or cancellation reason). */
    public record Step(String label, String when, String reason) { }

    /** A safety alert: which response raised it and when that was answered; for a closed one, when and why. */
    public record Alert(String flagId, String responseId, String questionnaire, String answered, String closed, String closureReason) { }

    /** One instrument's chart, its table alternative and what its change means. */
    public record InstrumentView(String slug, String label, ScoreChart chart, String summary, List<Reading> readings) { }

    /** A row of an instrument's table. */
    public record Reading(String date, int score, String severity, String timePoint, String responseId) { }

    /** A questionnaire response with its item answers, shown on demand. */
    public record ResponseView(String id, String questionnaire, String answered, String total, boolean selfHarmReported,
                               List<Answer> answers) { }

    /** One item: its question and the answer given; {@code concerning} marks a PHQ-9 item 9 answered above "not at all". */
    public record Answer(String linkId, String question, String answer, boolean concerning) { }

    /** One session: when, how, how long, with whom, and whether the person came. */
    public record SessionRow(String date, String mode, String length, String supporter, String outcome) { }
}
