package org.peerbridge.mapping;

import org.hl7.fhir.r4.model.Enumerations.FHIRAllTypes;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationKind;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;

/** What every OperationDefinition PeerBridge publishes has in common: who publishes it, its status, and how parameters are written. */
public final class OwnOperations {

    private OwnOperations() {
    }

    /** An active, read-only operation of PeerBridge's, with its id, canonical URL, names and code; levels and parameters follow. */
    public static OperationDefinition definition(String id, String url, String version, String name, String title, String description,
            String code) {
        OperationDefinition operation = new OperationDefinition();
        operation.setId(id);
        operation.setUrl(url);
        operation.setVersion(version);
        operation.setName(name);
        operation.setTitle(title);
        operation.setStatus(PublicationStatus.ACTIVE);
        operation.setKind(OperationKind.OPERATION);
        operation.setPublisher("PeerBridge");
        operation.setDescription(description);
        operation.setAffectsState(false);
        operation.setCode(code);
        return operation;
    }

    /** Adds a parameter of {@code use} with its cardinality, FHIR type and meaning. */
    public static void parameter(OperationDefinition operation, OperationParameterUse use, String name, int min, String max,
            FHIRAllTypes type, String documentation) {
        operation.addParameter().setName(name).setUse(use).setMin(min).setMax(max).setType(type.toCode()).setDocumentation(documentation);
    }
}
