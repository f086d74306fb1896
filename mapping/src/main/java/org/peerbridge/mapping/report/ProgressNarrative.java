package org.peerbridge.mapping.report;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.session.SessionDuration;
import org.peerbridge.mapping.session.SessionKind;

/**
 * The readable text of each report section, as XHTML for Composition.section.text: short sentences and
 * tables a clinician reads in any EHR document viewer without the coded entries. Every number here is
 * also in a coded entry of the section (docs/reports.md).
 */
public final class ProgressNarrative {

    private static final String DIV = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";

    private ProgressNarrative() {
    }

    public static String referral(ProgressReport report) {
        var task = report.course().task();
        StringBuilder html = new StringBuilder(DIV);
        html.append("<p>Referral status: <b>").append(escape(task.getStatus() == null ? "unknown" : task.getStatus().getDisplay()))
                .append("</b>");
        if (task.hasBusinessStatus() && task.getBusinessStatus().hasCoding()) {
            var coding = task.getBusinessStatus().getCodingFirstRep();
            html.append(" (").append(escape(coding.hasDisplay() ? coding.getDisplay() : coding.getCode())).append(')');
        }
        html.append(".</p><table><tr><th>Step</th><th>Date</th></tr>");
        for (StatusTimeline.Step step : report.timeline()) {
            html.append("<tr><td>").append(escape(step.label())).append("</td><td>").append(day(step.when())).append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    /** The report's header: who it is about, as the referrer knows them (name, birth date, their identifiers). */
    public static String header(Resource subject, ServiceRequest referral, String asOf) {
        StringBuilder html = new StringBuilder(DIV).append("<p>Peer support progress report");
        if (subject instanceof Patient patient) {
            html.append(" for <b>").append(escape(patientName(patient))).append("</b>, born ")
                    .append(escape(patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "(unknown)"));
        }
        html.append(", as of ").append(escape(asOf)).append(".</p><table>");
        if (subject instanceof Patient patient) {
            patient.getIdentifier().forEach(i -> html.append("<tr><th>Patient identifier</th><td>").append(identifier(i)).append("</td></tr>"));
        }
        referral.getIdentifier().forEach(i -> html.append("<tr><th>Referral identifier</th><td>").append(identifier(i)).append("</td></tr>"));
        return html.append("</table></div>").toString();
    }

    /** A patient's name for people: the first name's text, else its parts; "(no name)" without one. */
    public static String patientName(Patient patient) {
        return personName(patient.getName(), "(no name)");
    }

    /** A person's first name as people write it: its text, else its parts; {@code none} without one. */
    public static String personName(List<HumanName> names, String none) {
        if (names.isEmpty()) {
            return none;
        }
        HumanName name = names.get(0);
        return name.hasText() ? name.getText() : name.getNameAsSingleString();
    }

    private static String identifier(Identifier identifier) {
        return escape(identifier.getValue()) + (identifier.hasSystem() ? " (" + escape(identifier.getSystem()) + ")" : "");
    }

    /** The counts, then each session held, missed or called off, with its date, length and peer supporter. */
    public static String sessions(SessionSummary s, List<Encounter> sessions, SessionSupporters supporters) {
        StringBuilder html = new StringBuilder(DIV + "<p>Sessions attended: <b>" + s.attended() + "</b>; missed (no-show): <b>" + s.noShows()
                + "</b>; called off in advance: " + s.cancelled() + "; booked, not yet held: " + s.planned() + ".</p>"
                + "<p>Time attended: <b>" + s.minutes() + " minutes</b>, billed as <b>" + s.units()
                + "</b> H0038 units (self-help/peer services, per 15 minutes).</p>");
        List<Encounter> listed = sessions.stream().filter(e -> SessionKind.of(e).orElse(SessionKind.CANCELLED) != SessionKind.ENTERED_IN_ERROR)
                .filter(e -> e.getPeriod().hasStart()).sorted(java.util.Comparator.comparing(e -> e.getPeriod().getStart())).toList();
        if (!listed.isEmpty()) {
            html.append("<table><tr><th>Date</th><th>Attendance</th><th>Length</th><th>Peer supporter</th></tr>");
            for (Encounter session : listed) {
                var minutes = SessionDuration.minutes(session);
                html.append("<tr><td>").append(escape(session.getPeriod().getStartElement().getValueAsString().substring(0, 10)))
                        .append("</td><td>").append(attendance(SessionKind.of(session).orElse(SessionKind.CANCELLED)))
                        .append("</td><td>").append(minutes.isPresent() ? minutes.getAsLong() + " min" : "")
                        .append("</td><td>").append(escape(supporters.of(session))).append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("</div>").toString();
    }

    private static String attendance(SessionKind kind) {
        return switch (kind) {
            case ATTENDED -> "attended";
            case NO_SHOW -> "no-show";
            case CANCELLED -> "called off";
            case PLANNED -> "booked";
            case UNDER_WAY -> "under way";
            case ENTERED_IN_ERROR -> "recorded by mistake";
        };
    }

    public static String outcomesIntroduction(ProgressReport report) {
        long assessed = report.instruments().stream().filter(i -> !i.readings().isEmpty()).count();
        return DIV + "<p>" + (assessed == 0 ? "No outcome questionnaire has been scored for this referral."
                : "Scores at baseline and at the latest assessment, per questionnaire. Baseline is the assessment nearest"
                + " before the first attended session (or up to 14 days after it); follow-ups are 30, 60 and 90 days"
                + " after baseline, each within 14 days.") + "</p></div>";
    }

    public static String instrument(InstrumentProgress p) {
        String label = p.instrument().label();
        if (p.readings().isEmpty()) {
            return DIV + "<p>" + escape(label) + ": not assessed.</p></div>";
        }
        StringBuilder html = new StringBuilder(DIV);
        if (p.baseline().isEmpty()) {
            html.append("<p>").append(escape(label)).append(": no baseline (no assessment before, or within 14 days after,"
                    + " the first attended session), so no change is computed.</p>");
        } else if (p.latest().isEmpty()) {
            html.append("<p>").append(escape(label)).append(": baseline only; no later assessment yet.</p>");
        } else {
            html.append("<p>").append(escape(label)).append(": <b>").append(reading(p.baseline().get())).append("</b> at baseline, <b>")
                    .append(reading(p.latest().get())).append("</b> at the latest assessment; change <b>")
                    .append(signed(p.changePoints().orElseThrow())).append(" points</b>")
                    .append(p.changePercent().map(pc -> " (" + signed(pc) + " %)").orElse(" (percent not defined: baseline 0)"))
                    .append(". ").append(verdicts(p)).append("</p>");
        }
        html.append("<table><tr><th>Date</th><th>Time point</th><th>Score</th><th>Severity</th></tr>");
        p.readings().forEach(r -> html.append("<tr><td>").append(r.day()).append("</td><td>").append(escape(r.timePoint().display()))
                .append("</td><td>").append(r.value()).append("</td><td>").append(escape(r.band().display())).append("</td></tr>"));
        return html.append("</table></div>").toString();
    }

    /** The alerts, open first; "raised" is the day the response that reported the risk was answered. */
    public static String safety(ReportedFlags flags, List<QuestionnaireResponse> responses) {
        if (flags.open().isEmpty() && flags.closed().isEmpty()) {
            return DIV + "<p>No safety alert was raised for this referral.</p></div>";
        }
        StringBuilder html = new StringBuilder(DIV).append("<p>Open safety alerts: <b>").append(flags.open().size())
                .append("</b>; closed: ").append(flags.closed().size()).append(".</p><table><tr><th>Alert</th><th>Status</th>"
                        + "<th>Raised (response answered)</th><th>Closed</th><th>Reason for closing</th></tr>");
        for (Flag flag : concat(flags.open(), flags.closed())) {
            html.append("<tr><td>").append(escape(flag.getCode().hasText() ? flag.getCode().getText() : "Safety alert"))
                    .append("</td><td>").append(flag.getStatus() == Flag.FlagStatus.ACTIVE ? "<b>open</b>" : "closed")
                    .append("</td><td>").append(raised(flag, responses)).append("</td><td>")
                    .append(day(flag.getPeriod().getEnd())).append("</td><td>").append(escape(ReportedFlags.closureReason(flag)))
                    .append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    private static String raised(Flag flag, List<QuestionnaireResponse> responses) {
        String response = ReportedFlags.detail(flag);
        return responses.stream().filter(r -> ("QuestionnaireResponse/" + r.getIdElement().getIdPart()).equals(response) && r.hasAuthored())
                .map(r -> AssessmentSchedule.dateAsWritten(r.getAuthoredElement()).toString()).findFirst()
                .orElse(day(flag.getPeriod().getStart()));
    }

    private static String verdicts(InstrumentProgress p) {
        StringBuilder text = new StringBuilder();
        p.response().ifPresent(r -> text.append("Meaningful improvement (response): ").append(r ? "yes" : "no").append(". "));
        p.remission().ifPresent(r -> text.append("Remission (score below 5): ").append(r ? "yes" : "no").append(". "));
        if (p.response().isEmpty() && p.remission().isEmpty()) {
            text.append("No response or remission rule is used for this questionnaire.");
        }
        return escape(text.toString().trim());
    }

    private static String reading(ScoreReading r) {
        return escape(r.value() + " (" + r.band().display() + ", " + r.day() + (r.timePoint() == TimePoint.BASELINE
                || r.timePoint() == TimePoint.UNSCHEDULED ? "" : ", " + r.timePoint().display()) + ")");
    }

    static String signed(Number value) {
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return value.doubleValue() > 0 ? "+" + text : text;
    }

    private static String day(Date when) {
        return when == null ? "" : when.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static List<Flag> concat(List<Flag> a, List<Flag> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    public static String escape(String text) {
        return Optional.ofNullable(text).orElse("").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
