package org.peerbridge.mapping.report;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.CodedValue;

/**
 * Codes of the progress report: the document type (LOINC 11506-3 Progress note), its sections, the
 * measures of its derived Observations, and the Task.output types of the final report. Sections and
 * measures are PeerBridge's own: no published code system names "peer sessions attended" or "change in
 * score from baseline" (docs/reports.md).
 */
public final class ReportCodes {

    public static final String SECTION_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/progress-report-section";
    public static final String MEASURE_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/progress-measure";
    public static final String OUTPUT_TYPE_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/task-output-type";

    public static final String PROGRESS_NOTE = "11506-3";

    /** Report sections. */
    public enum Section implements CodedValue {
        REFERRAL("referral", "Referral"),
        SESSIONS("sessions", "Peer support sessions"),
        OUTCOMES("outcomes", "Outcome measures"),
        SAFETY("safety", "Safety alerts");

        private final String code;
        private final String display;

        Section(String code, String display) {
            this.code = code;
            this.display = display;
        }

        @Override
        public String system() {
            return SECTION_SYSTEM;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String display() {
            return display;
        }
    }

    /** Measures the report derives (components of its derived Observations). */
    public enum Measure implements CodedValue {
        SESSION_SUMMARY("session-summary", "Peer support sessions of the referral"),
        SESSIONS_ATTENDED("sessions-attended", "Sessions attended"),
        SESSIONS_NO_SHOW("sessions-no-show", "Sessions missed (no-show)"),
        SESSIONS_CANCELLED("sessions-cancelled", "Sessions called off in advance"),
        SESSIONS_PLANNED("sessions-planned", "Sessions booked, not yet held"),
        MINUTES_ATTENDED("minutes-attended", "Minutes of peer support attended"),
        H0038_UNITS("h0038-units", "H0038 units (15 minutes each) billed"),
        SCORE_CHANGE("score-change", "Change in score from baseline"),
        CHANGE_POINTS("change-points", "Change from baseline, points"),
        CHANGE_PERCENT("change-percent", "Change from baseline, percent of the baseline score"),
        RESPONSE("response", "Clinically meaningful improvement (response)"),
        REMISSION("remission", "Remission");

        private final String code;
        private final String display;

        Measure(String code, String display) {
            this.code = code;
            this.display = display;
        }

        @Override
        public String system() {
            return MEASURE_SYSTEM;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String display() {
            return display;
        }
    }

    /** Task.output types of a completed referral, next to the SDOHCC performed-activity slice. */
    public enum OutputType implements CodedValue {
        PROGRESS_REPORT("progress-report", "Final progress report"),
        QUESTIONNAIRE_RESPONSE("questionnaire-response", "Outcome questionnaire response"),
        OUTCOME_SCORE("outcome-score", "Outcome score");

        private final String code;
        private final String display;

        OutputType(String code, String display) {
            this.code = code;
            this.display = display;
        }

        @Override
        public String system() {
            return OUTPUT_TYPE_SYSTEM;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String display() {
            return display;
        }
    }

    public static CodeableConcept progressNote() {
        return new CodeableConcept(new Coding(CodeSystems.LOINC, PROGRESS_NOTE, "Progress note")).setText("Peer support progress report");
    }

    private ReportCodes() {
    }
}
