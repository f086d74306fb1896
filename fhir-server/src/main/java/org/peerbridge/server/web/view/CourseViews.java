package org.peerbridge.server.web.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.outcome.SafetyScreen;
import org.peerbridge.mapping.report.InstrumentProgress;
import org.peerbridge.mapping.report.ProgressReport;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.mapping.report.ReportedFlags;
import org.peerbridge.mapping.report.SessionSupporters;
import org.peerbridge.mapping.report.StatusTimeline;
import org.peerbridge.mapping.safety.SafetyCodes;
import org.peerbridge.mapping.session.SessionDuration;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.web.chart.ScoreChart;

/**
 * Builds a referral's {@link CourseView} from what {@link ProgressReports} gathers for the caller (the same
 * access rules and the same computations as {@code $progress-report}, the peer supporters' names included),
 * plus the questionnaires' item texts.
 */
public final class CourseViews {

    private final ProgressReports reports;
    private final QuestionnaireCatalogue questionnaires;

    public CourseViews(ProgressReports reports, QuestionnaireCatalogue questionnaires) {
        this.reports = reports;
        this.questionnaires = questionnaires;
    }

    /** The view of a referral the caller may see; the report layer's 404 otherwise. */
    public CourseView load(Connection c, String referralId) throws SQLException {
        ReferralCourse course = reports.course(c, referralId);
        Patient patient = reports.patient(c, course);
        ProgressReport report = ProgressReport.of(course);
        Map<String, QuestionnaireResponse> responses = new HashMap<>();
        course.responses().forEach(r -> responses.put("QuestionnaireResponse/" + r.getIdElement().getIdPart(), r));
        Map<String, String> responseOfScore = new HashMap<>();
        for (Observation score : course.scores()) {
            score.getDerivedFrom().stream().findFirst().ifPresent(d -> responseOfScore.put(
                    "Observation/" + score.getIdElement().getIdPart(), d.getReferenceElement().getIdPart()));
        }
        ReportedFlags flags = report.flags();
        return new CourseView(referralId, patient.getIdElement().getIdPart(), PatientHeader.of(patient, course.referral()),
                course.task().getStatus().getDisplay(), timeline(report, course),
                flags.open().stream().map(f -> alert(f, responses)).toList(),
                flags.closed().stream().map(f -> alert(f, responses)).toList(),
                report.instruments().stream().filter(i -> !i.readings().isEmpty()).map(i -> instrument(i, responseOfScore)).toList(),
                course.currentResponses().stream().sorted(Comparator.comparing(QuestionnaireResponse::getAuthored,
                        Comparator.nullsLast(Comparator.naturalOrder()))).map(this::response).toList(),
                report.sessions(), sessions(course));
    }

    private static List<CourseView.Step> timeline(ProgressReport report, ReferralCourse course) {
        List<CourseView.Step> steps = new ArrayList<>();
        for (StatusTimeline.Step step : report.timeline()) {
            String reason = step.status() == null ? "" : course.taskVersions().stream()
                    .filter(t -> t.getStatus() == step.status() && t.hasStatusReason())
                    .map(t -> t.getStatusReason().hasText() ? t.getStatusReason().getText()
                            : t.getStatusReason().getCodingFirstRep().getDisplay())
                    .findFirst().orElse("");
            steps.add(new CourseView.Step(step.label(), date(step.when()), reason));
        }
        return steps;
    }

    private static CourseView.Alert alert(Flag flag, Map<String, QuestionnaireResponse> responses) {
        Extension detail = flag.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION);
        String reference = detail != null && detail.getValue() instanceof Reference ref ? ref.getReference() : "";
        QuestionnaireResponse response = responses.get(reference);
        String questionnaire = response == null ? "" : Instrument.forCanonical(response.getQuestionnaire()).map(Instrument::label).orElse("");
        return new CourseView.Alert(flag.getIdElement().getIdPart(), response == null ? "" : response.getIdElement().getIdPart(),
                questionnaire, response == null || !response.hasAuthored() ? "" : date(response.getAuthored()),
                flag.getPeriod().hasEnd() ? date(flag.getPeriod().getEnd()) : "", ReportedFlags.closureReason(flag));
    }

    private static CourseView.InstrumentView instrument(InstrumentProgress progress, Map<String, String> responseOfScore) {
        String label = progress.instrument().label();
        String summary;
        if (progress.baseline().isEmpty()) {
            summary = "No baseline yet, so no change is computed.";
        } else if (progress.latest().isEmpty()) {
            summary = "Baseline " + progress.baseline().get().value() + "; no later assessment yet.";
        } else {
            int change = progress.changePoints().orElseThrow();
            summary = "Baseline " + progress.baseline().get().value() + ", latest " + progress.latest().get().value() + ": change "
                    + (change > 0 ? "+" : "") + change + " points" + progress.changePercent().map(p -> " (" + p + " %)").orElse("") + "."
                    + progress.response().map(r -> r ? " Response: yes." : " Response: no.").orElse("")
                    + progress.remission().map(r -> r ? " Remission: yes." : " Remission: no.").orElse("");
        }
        return new CourseView.InstrumentView(progress.instrument().slug(), label, ScoreChart.of(progress), summary,
                progress.readings().stream().map(r -> new CourseView.Reading(r.day().toString(), r.value(), r.band().display(),
                        r.timePoint().display(), responseOfScore.getOrDefault(r.reference(), ""))).toList());
    }

    private CourseView.ResponseView response(QuestionnaireResponse response) {
        Optional<Instrument> instrument = Instrument.forCanonical(response.getQuestionnaire());
        Map<String, String> questions = new HashMap<>();
        questionnaires.find(response.getQuestionnaire()).map(Questionnaire::getItem)
                .ifPresent(items -> items.forEach(i -> questions.put(i.getLinkId(), i.getText())));
        List<CourseView.Answer> answers = new ArrayList<>();
        String total = "";
        boolean selfHarm = false;
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : response.getItem()) {
            String answer = item.getAnswer().stream().map(CourseViews::answerText).reduce((a, b) -> a + "; " + b).orElse("(not answered)");
            if (instrument.isPresent() && item.getLinkId().equals(instrument.get().totalLinkId())) {
                total = answer;
                continue;
            }
            boolean concerning = SafetyScreen.SELF_HARM_ITEM.equals(item.getLinkId()) && item.getAnswer().stream()
                    .anyMatch(a -> a.hasValueCoding() && !"LA6568-5".equals(a.getValueCoding().getCode()));
            selfHarm |= concerning;
            answers.add(new CourseView.Answer(item.getLinkId(), questions.getOrDefault(item.getLinkId(), item.getText()), answer, concerning));
        }
        return new CourseView.ResponseView(response.getIdElement().getIdPart(), instrument.map(Instrument::label).orElse("Questionnaire"),
                response.hasAuthored() ? date(response.getAuthored()) : "", total, selfHarm, answers);
    }

    private static String answerText(QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer) {
        if (answer.hasValueCoding()) {
            Coding coding = answer.getValueCoding();
            return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
        }
        return answer.getValue() == null ? "" : answer.getValue().primitiveValue();
    }

    private static List<CourseView.SessionRow> sessions(ReferralCourse course) {
        List<Encounter> sessions = course.sessions().stream()
                .filter(s -> SessionKind.of(s).orElse(SessionKind.CANCELLED) != SessionKind.ENTERED_IN_ERROR)
                .sorted(Comparator.comparing((Encounter s) -> s.getPeriod().getStart(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        SessionSupporters supporters = SessionSupporters.of(course.supporters());
        List<CourseView.SessionRow> rows = new ArrayList<>();
        for (Encounter session : sessions) {
            var minutes = SessionDuration.minutes(session);
            rows.add(new CourseView.SessionRow(session.getPeriod().hasStart() ? dateTime(session.getPeriod().getStart()) : "",
                    mode(session), minutes.isPresent() ? minutes.getAsLong() + " min" : "", supporters.of(session),
                    outcome(SessionKind.of(session).orElse(SessionKind.CANCELLED))));
        }
        return rows;
    }

    private static String mode(Encounter session) {
        String code = session.getClass_().getCode();
        return code == null ? "" : switch (code) {
            case "AMB" -> "In person";
            case "VR" -> "Virtual (video or phone)";
            case "HH" -> "At home";
            default -> session.getClass_().hasDisplay() ? session.getClass_().getDisplay() : code;
        };
    }

    private static String outcome(SessionKind kind) {
        return switch (kind) {
            case ATTENDED -> "Attended";
            case NO_SHOW -> "No-show";
            case CANCELLED -> "Called off";
            case PLANNED -> "Booked";
            case UNDER_WAY -> "Under way";
            case ENTERED_IN_ERROR -> "Recorded by mistake";
        };
    }

    /** A task status for people. */
    public static String status(Task task) {
        return task.getStatus() == null ? "" : task.getStatus().getDisplay();
    }

    static String date(Date date) {
        return format(date, "yyyy-MM-dd");
    }

    static String dateTime(Date date) {
        return format(date, "yyyy-MM-dd HH:mm 'UTC'");
    }

    private static String format(Date date, String pattern) {
        if (date == null) {
            return "";
        }
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(date);
    }
}
