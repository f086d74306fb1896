package org.peerbridge.mapping.report;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.FHIRAllTypes;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationKind;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.peerbridge.mapping.codes.OwnCodeSystems;

/**
 * What the progress report publishes: its code systems (built from {@link ReportCodes}, so they cannot
 * drift from the code) and the OperationDefinition of {@code $progress-report}.
 */
public final class ReportConformance {

    public static final String OPERATION_URL = "http://peerbridge.org/fhir/OperationDefinition/ServiceRequest-progress-report";

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
        OperationDefinition operation = new OperationDefinition();
        operation.setId("ServiceRequest-progress-report");
        operation.setUrl(OPERATION_URL);
        operation.setVersion(VERSION);
        operation.setName("ProgressReport");
        operation.setTitle("Progress report of a peer support referral");
        operation.setStatus(PublicationStatus.ACTIVE);
        operation.setKind(OperationKind.OPERATION);
        operation.setPublisher("PeerBridge");
        operation.setDescription("A FHIR document (Bundle of type document, Composition first) reporting one referral's status and"
                + " dates, its sessions (attended, missed, minutes, H0038 units), each outcome instrument's baseline, latest score,"
                + " change, severity, response and remission, and its safety alerts.");
        operation.setAffectsState(false);
        operation.setCode("progress-report");
        operation.addResource("ServiceRequest");
        operation.setSystem(false);
        operation.setType(false);
        operation.setInstance(true);
        operation.addParameter().setName("return").setUse(OperationParameterUse.OUT).setMin(1).setMax("1")
                .setType(FHIRAllTypes.BUNDLE.toCode()).setDocumentation("The progress report document");
        return operation;
    }
}
