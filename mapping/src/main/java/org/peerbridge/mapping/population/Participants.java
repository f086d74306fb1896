package org.peerbridge.mapping.population;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant.Ending;
import org.peerbridge.mapping.report.InstrumentProgress;
import org.peerbridge.mapping.report.ProgressReport;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.mapping.report.ScoreReading;
import org.peerbridge.mapping.report.StatusTimeline;
import org.peerbridge.mapping.session.SessionKind;

/**
 * Turns a referral's stored course into what it contributes to the program's outcomes, by the same rules
 * as its progress report ({@link ProgressReport}): scores at their time points, sessions, the Task's dates.
 */
public final class Participants {

    private static final Set<TaskStatus> ACCEPTED_OR_LATER = Set.of(TaskStatus.ACCEPTED, TaskStatus.INPROGRESS,
            TaskStatus.ONHOLD, TaskStatus.COMPLETED);

    private Participants() {
    }

    /**
     * @param birthDate             the patient's birth date, if recorded (for the age band)
     * @param referringOrganization the id of the organization whose client sent the referral
     * @return empty for a referral entered in error, which is no participant
     */
    public static Optional<Participant> of(ReferralCourse course, Optional<LocalDate> birthDate, String referringOrganization) {
        Task task = course.task();
        if (task.getStatus() == TaskStatus.ENTEREDINERROR) {
            return Optional.empty();
        }
        ProgressReport report = ProgressReport.of(course);
        LocalDate referred = course.referral().hasAuthoredOn()
                ? AssessmentSchedule.dateAsWritten(course.referral().getAuthoredOnElement())
                : utcDay(report.timeline().isEmpty() ? task.getMeta().getLastUpdated() : report.timeline().get(0).when());
        Optional<LocalDate> accepted = report.timeline().stream()
                .filter(step -> step.status() != null && ACCEPTED_OR_LATER.contains(step.status()))
                .map(step -> utcDay(step.when())).min(Comparator.naturalOrder());
        Optional<LocalDate> firstSession = AssessmentSchedule.firstAttendedSession(course.sessions());
        Map<Instrument, Map<TimePoint, Integer>> scores = new EnumMap<>(Instrument.class);
        for (InstrumentProgress progress : report.instruments()) {
            Map<TimePoint, Integer> byTimePoint = new LinkedHashMap<>();
            for (ScoreReading reading : progress.readings()) {
                if (reading.timePoint() != TimePoint.UNSCHEDULED) {
                    byTimePoint.putIfAbsent(reading.timePoint(), reading.value()); // the first one recorded there
                }
            }
            scores.put(progress.instrument(), byTimePoint);
        }
        Map<Stratifier, String> strata = new EnumMap<>(Stratifier.class);
        serviceReferredTo(course).ifPresent(id -> strata.put(Stratifier.SERVICE_TYPE, id));
        deliveryMode(course.sessions()).ifPresent(mode -> strata.put(Stratifier.DELIVERY_MODE, mode));
        strata.put(Stratifier.REFERRING_ORGANIZATION, referringOrganization);
        birthDate.ifPresent(born -> strata.put(Stratifier.AGE_BAND, Stratifier.ageBand(born, referred)));
        Ending ending = ending(task.getStatus());
        return Optional.of(new Participant(course.referralReference(), referred, accepted, firstSession,
                ending, ending == Ending.OPEN || ending == Ending.COMPLETED ? Optional.empty() : Optional.of(reason(task)),
                report.sessions().attended(), report.sessions().noShows(), report.sessions().minutes(), scores, strata));
    }

    private static Ending ending(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> Ending.COMPLETED;
            case REJECTED -> Ending.DECLINED;
            case CANCELLED, FAILED -> Ending.CANCELLED;
            default -> Ending.OPEN;
        };
    }

    /**
     * The coded reason of a declined or cancelled Task: its first statusReason coding's code. Free text is
     * never grouped on: it may name the person.
     */
    private static String reason(Task task) {
        return task.getStatusReason().getCoding().stream().map(Coding::getCode).filter(code -> code != null && !code.isBlank())
                .findFirst().orElse(EngagementFunnel.NOT_CODED);
    }

    private static Optional<String> serviceReferredTo(ReferralCourse course) {
        return course.referral().getPerformer().stream().map(Reference::getReferenceElement)
                .filter(id -> "HealthcareService".equals(id.getResourceType())).map(id -> id.getIdPart()).findFirst();
    }

    /** The peer support service code of the first attended session. */
    private static Optional<String> deliveryMode(List<Encounter> sessions) {
        return sessions.stream()
                .filter(s -> SessionKind.of(s).orElse(null) == SessionKind.ATTENDED && s.getPeriod().hasStart())
                .min(Comparator.comparing(s -> s.getPeriod().getStart()))
                .flatMap(s -> CodedValue.namedIn(PeerSupportService.class, List.of(s.getServiceType())).stream().findFirst())
                .map(PeerSupportService::code);
    }

    private static LocalDate utcDay(java.util.Date when) {
        return when.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
