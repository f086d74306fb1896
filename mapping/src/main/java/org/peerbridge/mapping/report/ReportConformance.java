package org.peerbridge.mapping.report;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.FHIRAllTypes;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.peerbridge.mapping.OwnOperations;
import org.peerbridge.mapping.codes.OwnCodeSystems;

/**
 * What the progress report publishes: its code systems (built from {@link ReportCodes}, so they cannot
 * drift from the code), the OperationDefinition of {@code $progress-report}, and that of {@code $everything}
 * as PeerBridge runs it (a part of the HL7 operation: FHIR asks a server that supports only part of an
 * operation to define its own, based on the original).
 */
public final class ReportConformance {

    public static final String OPERATION_URL = "http://peerbridge.org/fhir/OperationDefinition/ServiceRequest-progress-report";
    public static final String EVERYTHING_URL = "http://peerbridge.org/fhir/OperationDefinition/Patient-everything";

    private static final String VERSION = "0.1.0";

    private ReportConformance() {
    }

    public static List<MetadataResource> codeSystems() {
        return List.of(
                OwnCodeSystems.codeSystem(ReportCodes.SECTION_SYSTEM, VERSION, "ProgressReportSection", "Progress report section",
                        "The sections of a PeerBridge progress report.", OwnCodeSystems.concepts(ReportCodes.Section.class)),
                OwnCodeSystems.codeSystem(ReportCodes.MEASURE_SYSTEM, VERSION, "ProgressMeasure", "Progress measure",
                        "What the Observations a progress report derives measure (session counts, change from baseline).",
                        OwnCodeSystems.concepts(ReportCodes.Measure.class)),
                OwnCodeSystems.codeSystem(ReportCodes.OUTPUT_TYPE_SYSTEM, VERSION, "TaskOutputType", "Task output type",
                        "Task.output types of a completed referral next to the SDOH Clinical Care performed-activity slice.",
                        OwnCodeSystems.concepts(ReportCodes.OutputType.class)));
    }

    public static OperationDefinition progressReportOperation() {
        OperationDefinition operation = OwnOperations.definition("ServiceRequest-progress-report", OPERATION_URL, VERSION, "ProgressReport",
                "Progress report of a peer support referral", "A FHIR document (Bundle of type document, Composition first) reporting"
                        + " one referral's status and dates, its sessions (attended, missed, minutes, H0038 units), each outcome"
                        + " instrument's baseline, latest score, change, severity, response and remission, and its safety alerts.",
                "progress-report");
        operation.addResource("ServiceRequest");
        operation.setSystem(false);
        operation.setType(false);
        operation.setInstance(true);
        OwnOperations.parameter(operation, OperationParameterUse.OUT, "return", 1, "1", FHIRAllTypes.BUNDLE, "The progress report document");
        return operation;
    }

    /** {@code Patient/[id]/$everything} with {@code _since}, {@code _type} and {@code _count}; not {@code start} and {@code end}. */
    public static OperationDefinition everythingOperation() {
        OperationDefinition operation = OwnOperations.definition("Patient-everything", EVERYTHING_URL, VERSION, "PatientEverything",
                "Everything of a patient's record that the caller may see", "The Patient, then every live resource that points at"
                        + " them through a patient search parameter (referrals, Tasks, sessions, Procedures, responses, scores, Flags,"
                        + " Communications, Conditions, Consents, final reports), in pages. Care-date filtering (start, end) is not"
                        + " supported.", "everything");
        operation.setBase("http://hl7.org/fhir/OperationDefinition/Patient-everything");
        operation.addResource("Patient");
        operation.setSystem(false);
        operation.setType(false);
        operation.setInstance(true);
        OwnOperations.parameter(operation, OperationParameterUse.IN, "_since", 0, "1", FHIRAllTypes.INSTANT,
                "Only resources changed at or after this instant");
        OwnOperations.parameter(operation, OperationParameterUse.IN, "_type", 0, "1", FHIRAllTypes.CODE,
                "Only these types, comma-separated (Observation,Encounter)");
        OwnOperations.parameter(operation, OperationParameterUse.IN, "_count", 0, "1", FHIRAllTypes.INTEGER,
                "Page size, 0 to 1000 (default 20); 0 gives only the total");
        OwnOperations.parameter(operation, OperationParameterUse.OUT, "return", 1, "1", FHIRAllTypes.BUNDLE,
                "A searchset Bundle: the Patient first, then the rest by type and id");
        return operation;
    }
}
